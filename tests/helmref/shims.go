package main

import "text/template"

// shims replaces Sprig functions whose result depends on a library version
// Debian packages differently from the one Helm 3.14 pins.
func shims() template.FuncMap {
	return template.FuncMap{}
}
