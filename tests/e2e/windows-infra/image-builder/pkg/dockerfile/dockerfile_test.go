package dockerfile

import (
	"strings"
	"testing"
)

const want = `FROM mcr.microsoft.com/windows/nanoserver:1809
COPY agent.exe /agent.exe
`

func TestRender(t *testing.T) {
	if got := Render("1809"); !strings.HasPrefix(got, want) {
		t.Fatalf("Render(1809) = %q", got)
	}
}
