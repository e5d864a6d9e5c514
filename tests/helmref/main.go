// helmref: the reference wincompat's Helm template engine is tested against.
//
// It executes templates with Go's own text/template, Sprig's function map
// (without env and expandenv, as Helm) and Helm 3.14's own functions, written
// from Helm's documentation and the semantics of Helm's pkg/engine (funcs.go,
// engine.go). Built in GOPATH mode from Debian's packages:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o helmref ./tests/helmref
//
// Protocol: one JSON case per input line, one JSON answer per output line.
//
//	{"tpl": "...", "extra": ["..."], "values": "yaml", "top": {"Chart": {...}},
//	 "capabilities": {"kubeVersion": "1.31", "apiVersions": ["..."]}}
//	{"out": "...", "err": "..."}
//
// The case's files are parsed as Helm parses a chart's templates: the extra
// files first ("chart/templates/_extra0.tpl", ...), then the template itself
// ("chart/templates/test.yaml"), which is executed with .Values (the values
// YAML), .Release, .Template and the objects of "top".
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type testCase struct {
	Tpl    string                 `json:"tpl"`
	Extra  []string               `json:"extra"`
	Values string                 `json:"values"`
	Top    map[string]interface{} `json:"top"`
	Caps   *capsCase              `json:"capabilities"`
}

type answer struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

const mainName = "chart/templates/test.yaml"

// Helm's toYaml: sigs.k8s.io/yaml, the final newline trimmed, errors swallowed.
func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

// Helm's fromYaml and fromJson: errors go into the map's "Error" key.
func fromMap(unmarshal func([]byte, interface{}) error) func(string) map[string]interface{} {
	return func(str string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := unmarshal([]byte(str), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
}

// Helm's fromYamlArray and fromJsonArray: an error is the list's only item.
func fromList(unmarshal func([]byte, interface{}) error) func(string) []interface{} {
	return func(str string) []interface{} {
		a := []interface{}{}
		if err := unmarshal([]byte(str), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
}

// sigs.k8s.io/yaml's Unmarshal without its options.
func yamlUnmarshal(data []byte, v interface{}) error {
	return yaml.Unmarshal(data, v)
}

// Helm's toToml: BurntSushi's encoder; an error is returned as the text.
func toTOML(v interface{}) string {
	b := bytes.NewBuffer(nil)
	if err := toml.NewEncoder(b).Encode(v); err != nil {
		return err.Error()
	}
	return b.String()
}

// Helm's toJson: encoding/json, errors swallowed.
func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

// Helm bounds recursion through include at 1000 nested calls of one name.
const recursionMaxNums = 1000

func includeFun(t *template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		if v, ok := included[name]; ok {
			if v > recursionMaxNums {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
			}
			included[name]++
		} else {
			included[name] = 1
		}
		err := t.ExecuteTemplate(&buf, name, data)
		included[name]--
		return buf.String(), err
	}
}

// Helm's tpl: a clone of the calling template set, parsed under the
// parent's name, with include and tpl re-bound to the clone.
func tplFun(parent *template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(tpl string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t.Option("missingkey=zero")
		t.Funcs(template.FuncMap{"include": includeFun(t, included), "tpl": tplFun(t, included)})
		t, err = t.New(parent.Name()).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", tpl, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}

// The function map of Helm 3.14's engine (not lint mode, no cluster, no DNS).
// required and fail return their message bare: Helm wraps it in markers that
// its error display strips again.
func funcMap(t *template.Template, included map[string]int) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	extra := template.FuncMap{
		"toToml":        toTOML,
		"toYaml":        toYAML,
		"fromYaml":      fromMap(yamlUnmarshal),
		"fromYamlArray": fromList(yamlUnmarshal),
		"toJson":        toJSON,
		"fromJson":      fromMap(json.Unmarshal),
		"fromJsonArray": fromList(json.Unmarshal),
		"include":       includeFun(t, included),
		"tpl":           tplFun(t, included),
		"required": func(warn string, val interface{}) (interface{}, error) {
			if val == nil {
				return val, errors.New(warn)
			} else if s, ok := val.(string); ok && s == "" {
				return val, errors.New(warn)
			}
			return val, nil
		},
		"fail": func(msg string) (string, error) {
			return "", errors.New(msg)
		},
		"lookup": func(string, string, string, string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
		"getHostByName": func(name string) string { return "" },
	}
	for k, v := range extra {
		f[k] = v
	}
	for k, v := range shims() {
		f[k] = v
	}
	return f
}

func run(c testCase) (out answer) {
	defer func() {
		if r := recover(); r != nil {
			out = answer{Err: fmt.Sprintf("rendering template failed: %v", r)}
		}
	}()
	values := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(c.Values), &values); err != nil {
		return answer{Err: "values: " + err.Error()}
	}
	if values == nil {
		values = map[string]interface{}{}
	}
	top := map[string]interface{}{
		"Values":   values,
		"Release":  map[string]interface{}{"Name": "release-name", "Namespace": "default"},
		"Template": map[string]interface{}{"Name": mainName},
	}
	for k, v := range c.Top {
		top[k] = v
	}
	if c.Caps != nil {
		caps, err := capabilities(*c.Caps)
		if err != nil {
			return answer{Err: err.Error()}
		}
		top["Capabilities"] = caps
	}
	t := template.New("gotpl")
	t.Option("missingkey=zero")
	included := map[string]int{}
	t.Funcs(funcMap(t, included))
	for i, text := range c.Extra {
		if _, err := t.New("chart/templates/_extra" + strconv.Itoa(i) + ".tpl").Parse(text); err != nil {
			return answer{Err: err.Error()}
		}
	}
	if _, err := t.New(mainName).Parse(c.Tpl); err != nil {
		return answer{Err: err.Error()}
	}
	var buf strings.Builder
	if err := t.ExecuteTemplate(&buf, mainName, top); err != nil {
		return answer{Err: err.Error()}
	}
	return answer{Out: strings.ReplaceAll(buf.String(), "<no value>", "")}
}

func main() {
	// The engine's local zone is UTC; so is the reference's, whatever TZ says.
	time.Local = time.UTC
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var c testCase
		var a answer
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			a = answer{Err: "helmref: bad case: " + err.Error()}
		} else {
			a = run(c)
		}
		if err := enc.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		w.Flush()
	}
}
