// Package dockerfile writes the Dockerfiles the builder uses for each
// Windows node pool.
package dockerfile

import "fmt"

// BaseImage is the nanoserver base for a Windows release.
func BaseImage(release string) string {
	return fmt.Sprintf("mcr.microsoft.com/windows/nanoserver:%s", release)
}

// Render returns the Dockerfile text for the agent on `release`.
func Render(release string) string {
	return fmt.Sprintf("FROM %s\nCOPY agent.exe /agent.exe\nENTRYPOINT [\"/agent.exe\"]\n", BaseImage(release))
}
