package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	goYaml "gopkg.in/yaml.v3"
	"sigs.k8s.io/yaml"
)

// shims replaces Sprig functions whose result depends on a library version
// Debian packages differently from the one Helm pins, and adds the
// functions later Helm releases added to the map the engine follows:
// sha512sum (Sprig 3.3.0, Helm 3.16), fromToml and toYamlPretty (Helm
// 3.17), mustToYaml and mustToJson (Helm 4.0), mustToToml (Helm 4.2). Each is written from Helm's
// pkg/engine/funcs.go of that release.
func shims() template.FuncMap {
	return template.FuncMap{
		"sha512sum": func(input string) string {
			hash := sha512.Sum512([]byte(input))
			return hex.EncodeToString(hash[:])
		},
		"fromToml": func(str string) map[string]interface{} {
			m := make(map[string]interface{})
			if err := toml.Unmarshal([]byte(str), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"toYamlPretty": func(v interface{}) string {
			var data bytes.Buffer
			encoder := goYaml.NewEncoder(&data)
			encoder.SetIndent(2)
			if err := encoder.Encode(v); err != nil {
				return ""
			}
			return strings.TrimSuffix(data.String(), "\n")
		},
		"mustToToml": func(v interface{}) string { // Helm 4.2.0
			b := bytes.NewBuffer(nil)
			if err := toml.NewEncoder(b).Encode(v); err != nil {
				panic(err)
			}
			return b.String()
		},
		"mustToYaml": func(v interface{}) string {
			data, err := yaml.Marshal(v)
			if err != nil {
				panic(err)
			}
			return strings.TrimSuffix(string(data), "\n")
		},
		"mustToJson": func(v interface{}) string {
			data, err := json.Marshal(v)
			if err != nil {
				panic(err)
			}
			return string(data)
		},
	}
}
