// Go text/template semantics as Go's package documentation states them:
// actions, trimming, pipelines, variables, control structures, comparison
// and printing functions.
#include "helm_support.hpp"

#include <catch2/catch.hpp>

using wincompat::helm::test::render;
using wincompat::helm::test::render_template;

TEST_CASE("text and actions print as Go does", "[helm][template]") {
  CHECK(render("plain text") == "plain text");
  CHECK(render("a: {{ .Values.a }}", "a: hello") == "a: hello");
  CHECK(render("{{ \"quoted\" }} {{ `raw\\n` }} {{ 'a' }}") == "quoted raw\\n 97");
  CHECK(render("{{ 3 }} {{ 1.5 }} {{ 0x10 }} {{ true }} {{ -2 }}") == "3 1.5 16 true -2");
  CHECK(render("{{ \"tab\\there\" }}") == "tab\there");
  // A missing value prints as nothing (Helm drops Go's "<no value>").
  CHECK(render("[{{ .Values.missing }}]") == "[]");
}

TEST_CASE("trim markers remove the whitespace beside them", "[helm][template]") {
  CHECK(render("a  {{- 1 -}}  b") == "a1b");
  CHECK(render("a\n\n  {{- 1 }}\n") == "a1\n");
  CHECK(render("a {{ 1 -}}\n\n b") == "a 1b");
  // `{{-3}}` is the number -3, not a trim marker.
  CHECK(render("a {{-3}}") == "a -3");
  // Comments, with and without trim markers around them.
  CHECK(render("a {{/* comment */}} b") == "a  b");
  CHECK(render("a\n{{- /* comment */ -}}\nb") == "ab");
  CHECK(render("a\n  {{- /* multi\nline */}}\nb") == "a\nb");
  CHECK(render("x{{/* c */ -}}   y") == "xy");
}

TEST_CASE("values print like Go's fmt: YAML numbers are float64", "[helm][template]") {
  const std::string values = "replicas: 3\nratio: 1.5\nbig: 1000000\nhuge: 12345678901\nsmall: 0.00001\n"
                             "flag: true\nyes: yes\nstr: \"3\"\nlist: [a, 1]\nmap: {b: 2, a: x}\n";
  CHECK(render("{{ .Values.replicas }}", values) == "3");
  CHECK(render("{{ .Values.ratio }}", values) == "1.5");
  CHECK(render("{{ .Values.big }}", values) == "1e+06");
  CHECK(render("{{ .Values.huge }}", values) == "1.2345678901e+10");
  CHECK(render("{{ .Values.small }}", values) == "1e-05");
  CHECK(render("{{ .Values.flag }} {{ .Values.yes }}", values) == "true true");
  CHECK(render("{{ .Values.str }}", values) == "3");
  CHECK(render("{{ .Values.list }}", values) == "[a 1]");
  CHECK(render("{{ .Values.map }}", values) == "map[a:x b:2]");
  CHECK(render("{{ typeOf .Values.replicas }} {{ typeOf .Values.str }} {{ typeOf 3 }}", values) ==
        "float64 string int");
  CHECK(render("{{ .Values.replicas | int }} {{ int64 .Values.big }}", values) == "3 1000000");
}

TEST_CASE("pipelines pass the value as the last argument", "[helm][template]") {
  CHECK(render("{{ \"a\" | printf \"%s-%s\" \"b\" }}") == "b-a");
  CHECK(render("{{ .Values.x | default \"d\" | upper | quote }}") == "\"D\"");
  CHECK(render("{{ (printf \"%d\" 5) | len }}") == "1");
  CHECK(render("{{ (dict \"a\" (dict \"b\" \"deep\")).a.b }}") == "deep");
}

TEST_CASE("variables: declaration, assignment, scope and $", "[helm][template]") {
  CHECK(render("{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}") == "12");
  CHECK(render("{{ $x := \"outer\" }}{{ if true }}{{ $x := \"inner\" }}{{ $x }}{{ end }}{{ $x }}") ==
        "innerouter");
  CHECK(render("{{ $x := \"a\" }}{{ if true }}{{ $x = \"b\" }}{{ end }}{{ $x }}") == "b");
  CHECK(render("{{ with .Values.a }}{{ $.Values.b }}{{ . }}{{ end }}", "a: A\nb: B") == "BA");
  CHECK(render("{{ range .Values.l }}{{ $.Release.Name }} {{ end }}", "l: [1, 2]") ==
        "release-name release-name ");
  CHECK(render("{{ $y }}").rfind("ERROR: template: chart/templates/test.yaml:1:3: executing", 0) == 0);
}

TEST_CASE("if, else if, else and with, else", "[helm][template]") {
  CHECK(render("{{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}", "b: 1") == "B");
  CHECK(render("{{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}", "a: 0") == "C");
  CHECK(render("{{ if \"\" }}x{{ else }}empty{{ end }}") == "empty");
  CHECK(render("{{ if .Values.l }}x{{ else }}none{{ end }}", "l: []") == "none");
  CHECK(render("{{ if .Values.m }}x{{ else }}none{{ end }}", "m: {}") == "none");
  CHECK(render("{{ with .Values.s }}{{ . }}{{ else }}none{{ end }}", "s: hi") == "hi");
  CHECK(render("{{ with .Values.s }}{{ . }}{{ else }}none{{ end }}") == "none");
  CHECK(render("{{ with $v := .Values.s }}{{ $v }}{{ end }}", "s: v") == "v");
  CHECK(render("{{ with .Values.a }}a{{ else with .Values.b }}{{ . }}{{ end }}", "b: bee") == "bee");
}

TEST_CASE("range over lists, maps in key order, integers; break and continue", "[helm][template]") {
  CHECK(render("{{ range .Values.l }}[{{ . }}]{{ end }}", "l: [a, b]") == "[a][b]");
  CHECK(render("{{ range $i, $e := .Values.l }}{{ $i }}={{ $e }} {{ end }}", "l: [a, b]") == "0=a 1=b ");
  CHECK(render("{{ range $e := .Values.l }}{{ $e }}{{ end }}", "l: [a, b]") == "ab");
  CHECK(render("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}",
               "m: {zeta: 1, alpha: 2, Mid: 3}") == "Mid=3;alpha=2;zeta=1;");
  CHECK(render("{{ range .Values.m }}{{ . }}{{ end }}", "m: {b: 2, a: 1}") == "12");
  CHECK(render("{{ range 3 }}{{ . }}{{ end }}") == "012");
  CHECK(render("{{ range $i := 2 }}{{ $i }}{{ end }}") == "01");
  CHECK(render("{{ range .Values.l }}x{{ else }}empty{{ end }}", "l: []") == "empty");
  CHECK(render("{{ range .Values.none }}x{{ else }}nil{{ end }}") == "nil");
  CHECK(
      render(
          "{{ range .Values.l }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ if eq . 4.0 }}{{ break }}{{ end }}"
          "{{ . }}{{ end }}",
          "l: [1, 2, 3, 4, 5]") == "13");
  CHECK(render("{{ range .Values.s }}{{ end }}", "s: text").find("range can't iterate over text") !=
        std::string::npos);
  CHECK(render("{{ break }}").find("{{break}} outside {{range}}") != std::string::npos);
}

TEST_CASE("define, template and block", "[helm][template]") {
  CHECK(render("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" \"arg\" }}") == "[arg]");
  CHECK(render("{{ template \"y\" . }}", "", {"{{ define \"y\" }}Y{{ .Release.Name }}{{ end }}"}) ==
        "Yrelease-name");
  CHECK(render("{{ block \"b\" \"v\" }}<{{ . }}>{{ end }}") == "<v>");
  CHECK(render("{{ template \"nope\" }}").find("template \"nope\" not defined") != std::string::npos);
  // A define leaves nothing in the output.
  CHECK(render("a{{ define \"q\" }}zzz{{ end }}b") == "ab");
}

TEST_CASE("and, or short-circuit and return an operand; not", "[helm][template]") {
  CHECK(render("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} {{ or 0 \"\" }}") == "0 2 x ");
  // The second operand would fail: short-circuit never evaluates it.
  CHECK(render("{{ or true .Values.a.b.c }} {{ and false .Values.a.b.c }}") == "true false");
  CHECK(render("{{ not 0 }} {{ not \"x\" }}") == "true false");
}

TEST_CASE("comparisons follow Go's basic kinds", "[helm][template]") {
  CHECK(render("{{ eq 1 1 }} {{ eq \"a\" \"b\" }} {{ eq 1 2 3 1 }} {{ ne 1 2 }}") == "true false true true");
  CHECK(render("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}") == "true true true false");
  CHECK(render("{{ eq .Values.missing \"x\" }} {{ eq .Values.missing nil }}") == "false true");
  // YAML numbers are float64: comparing one with an int literal is Go's error.
  CHECK(render("{{ eq .Values.n 1 }}", "n: 1").find("incompatible types for comparison") !=
        std::string::npos);
  CHECK(render("{{ eq (int .Values.n) 1 }}", "n: 1") == "true");
}

TEST_CASE("len, index and slice", "[helm][template]") {
  CHECK(render("{{ len \"abc\" }} {{ len .Values.l }} {{ len .Values.m }}", "l: [1, 2]\nm: {a: 1}") ==
        "3 2 1");
  CHECK(render("{{ index .Values.l 1 }} {{ index .Values.m \"a\" }} {{ index .Values.n \"x\" \"y\" }}",
               "l: [p, q]\nm: {a: A}\nn: {x: {y: deep}}") == "q A deep");
  CHECK(render("{{ index .Values.l 5 }}", "l: [a]").find("index out of range: 5") != std::string::npos);
  // Sprig's slice (Helm's) takes lists only, not Go's builtin strings.
  CHECK(render("{{ slice .Values.l 1 }}", "l: [a, b, c]") == "[b c]");
  CHECK(render("{{ slice \"hello\" 1 3 }}").find("list should be type of slice or array but string") !=
        std::string::npos);
}

TEST_CASE("print, printf and println as fmt formats", "[helm][template]") {
  CHECK(
      render(
          "{{ printf \"%s=%d %v %q %t %5.2f|%-4s|%04d %x %%\" \"k\" 42 .Values.f \"q\" true 3.14159 \"ab\" 7 "
          "255 }}",
          "f: 2.5") == "k=42 2.5 \"q\" true  3.14|ab  |0007 ff %");
  CHECK(render("{{ printf \"%d\" \"str\" }}") == "%!d(string=str)");
  CHECK(render("{{ printf \"%s %s\" \"one\" }}") == "one %!s(MISSING)");
  CHECK(render("{{ printf \"%s|%v\" .Values.none .Values.none }}") == "%!s(<nil>)|<nil>");
  CHECK(render("{{ printf \"%v\" .Values.n }}", "n: 3") == "3");
  CHECK(render("{{ print \"a\" \"b\" 1 2 }}") == "ab1 2");
  CHECK(render("{{ println \"a\" 1 }}") == "a 1\n");
}

TEST_CASE("html, js and urlquery escape", "[helm][template]") {
  CHECK(render("{{ html \"<a href='x'>&\" }}") == "&lt;a href=&#39;x&#39;&gt;&amp;");
  CHECK(render("{{ js \"it's <b>\" }}") == "it\\'s \\u003Cb\\u003E");
  CHECK(render("{{ urlquery \"a b&c\" }}") == "a+b%26c");
}

TEST_CASE("field errors have Go's message shape", "[helm][template]") {
  // Go places a chain at its second element: column 12, `.a`.
  CHECK(render("x\n  {{ .Values.a.b }}") == "ERROR: template: chart/templates/test.yaml:2:12: executing "
                                            "\"chart/templates/test.yaml\" at <.Values.a.b>: "
                                            "nil pointer evaluating interface {}.b");
  // A value from a map has Go's static type interface {}; a variable's is its own.
  CHECK(render("{{ $s := \"str\" }}{{ $s.x }}").find("can't evaluate field x in type string") !=
        std::string::npos);
  CHECK(render("{{ .Values.s.x }}", "s: str").find("can't evaluate field x in type interface {}") !=
        std::string::npos);
  // A null value inside a chain is the same nil interface.
  CHECK(render("{{ .Values.n.x }}", "n: null").find("nil pointer evaluating interface {}.x") !=
        std::string::npos);
  // A nil from a pipeline or a variable is unwrapped: its fields are no value.
  CHECK(render("[{{ (.Values.resources.limits).cpu }}]", "resources: {}") == "[]");
  CHECK(render("{{ if (.Values.a).b }}yes{{ else }}no{{ end }}") == "no");
  CHECK(render("{{ $x := .Values.none }}[{{ $x.y }}]") == "[]");
  // ... to the chain's end: Go's invalid value stays invalid.
  CHECK(render("{{ $x := .Values.none }}[{{ $x.y.z }}]") == "[]");
  CHECK(render("{{ $x := dict \"a\" nil }}{{ $x.a.b }}").find("nil pointer evaluating interface {}.b") !=
        std::string::npos);
}

TEST_CASE("parse errors name the file and line", "[helm][template]") {
  CHECK(render("a\n{{ if true }}") == "ERROR: template: chart/templates/test.yaml:2: unexpected EOF");
  CHECK(render("{{ end }}") == "ERROR: template: chart/templates/test.yaml:1: unexpected {{end}}");
  CHECK(render("{{ \"open }}").find("unterminated quoted string") != std::string::npos);
  CHECK(render("{{ /* c */ }}").find("ERROR") == 0);
  CHECK(render("{{ 1 ").find("unclosed action") != std::string::npos);
}

TEST_CASE("an unknown function is reported as unsupported, not as a crash", "[helm][template]") {
  auto r = render_template("a: 1\n---\nb: {{ durationSeconds .Values }}\n");
  CHECK(r.unsupported);
  CHECK(r.error.find("function \"durationSeconds\" not defined") != std::string::npos);
  // Execution goes on after it.
  CHECK(r.text == "a: 1\n---\nb: \n");
}

TEST_CASE("hostile templates end in an error, not a crash", "[helm][template]") {
  std::string deep_ifs;
  for (int i = 0; i < 5000; ++i) {
    deep_ifs += "{{ if true }}";
  }
  CHECK(render(deep_ifs).find("nested more than 200 levels") != std::string::npos);
  CHECK(render(std::string(5000, '(') == ""
                   ? ""
                   : "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}")
            .find("nested more than 200 levels") != std::string::npos);
  CHECK(render("{{ define \"r\" }}{{ include \"r\" . }}{{ end }}{{ include \"r\" . }}")
            .find("exceeded maximum template depth") != std::string::npos);
  CHECK(render("{{ range until 50000 }}{{ range until 50000 }}{{ end }}{{ end }}").find("step limit") !=
        std::string::npos);
  CHECK(render("{{ set .Values.none \"k\" 1 }}").find("assignment to entry in nil map") != std::string::npos);
  CHECK(render("{{ hasKey .Values.none \"k\" }} [{{ get .Values.none \"k\" }}]") == "false []");
}

TEST_CASE("list builders refuse sizes no chart needs", "[helm][template]") {
  CHECK(render("{{ until 1000000 | len }}").find("count too large") != std::string::npos);
  CHECK(render("{{ untilStep 0 10000000 1 | len }}").find("count too large") != std::string::npos);
  CHECK(render("{{ until 5 | len }}") == "5");
}
