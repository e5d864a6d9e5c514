// Helm's and Sprig's functions with their documented behaviour, edge cases
// included (default with empty values, toYaml quoting, nindent of "").
#include "helm_support.hpp"

#include "layers/helm/values.hpp"
#include "layers/helm/yaml_emit.hpp"

#include <catch2/catch.hpp>

using wincompat::helm::test::render;
using wincompat::helm::test::render_template;

TEST_CASE("default, empty, coalesce and ternary", "[helm][functions]") {
  const std::string values = "zero: 0\nempty: \"\"\nf: false\nl: []\nm: {}\nset: v\n";
  CHECK(render("{{ .Values.zero | default 5 }}", values) == "5");
  CHECK(render("{{ .Values.empty | default \"d\" }}", values) == "d");
  CHECK(render("{{ .Values.f | default true }}", values) == "true");
  CHECK(render("{{ .Values.l | default \"x\" }} {{ .Values.m | default \"y\" }}", values) == "x y");
  CHECK(render("{{ .Values.missing | default \"m\" }} {{ .Values.set | default \"no\" }}", values) == "m v");
  CHECK(render("{{ empty .Values.zero }} {{ empty .Values.set }} {{ empty .Values.missing }}", values) ==
        "true false true");
  CHECK(render("{{ coalesce .Values.empty .Values.zero \"third\" }}", values) == "third");
  CHECK(render("{{ ternary \"yes\" \"no\" true }} {{ true | ternary 1 2 }}") == "yes 1");
}

TEST_CASE("string functions", "[helm][functions]") {
  CHECK(render("{{ quote \"a\" }} {{ squote \"b\" }} {{ quote 3 }} {{ \"x\\\"y\" | quote }}") ==
        "\"a\" 'b' \"3\" \"x\\\"y\"");
  CHECK(render("{{ upper \"abc\" }} {{ lower \"ABC\" }} {{ title \"hello wide-world\" }}") ==
        "ABC abc Hello Wide-World");
  CHECK(render("[{{ trim \"  x  \" }}] {{ trimPrefix \"v\" \"v1.2\" }} {{ trimSuffix \"-\" \"name-\" }} "
               "{{ trimAll \"$\" \"$5$\" }}") == "[x] 1.2 name 5");
  CHECK(render("{{ trunc 5 \"hello world\" }} {{ trunc -5 \"hello world\" }} {{ trunc 63 \"short\" }}") ==
        "hello world short");
  CHECK(render("{{ replace \" \" \"-\" \"a b c\" }} {{ contains \"ll\" \"hello\" }} {{ hasPrefix \"he\" "
               "\"hello\" }} "
               "{{ hasSuffix \"lo\" \"hello\" }}") == "a-b-c true true true");
  CHECK(render("{{ nospace \" a b \" }} {{ repeat 3 \"ab\" }} {{ cat \"a\" nil \"b\" }}") == "ab ababab a b");
  CHECK(render("{{ splitList \",\" \"a,b,,c\" }} {{ join \"-\" (list \"a\" 1 true) }}") ==
        "[a b  c] a-1-true");
  CHECK(
      render(
          "{{ regexMatch \"^[a-z]+$\" \"abc\" }} {{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}") ==
      "true -W-xxW-");
  CHECK(render("{{ toString 3 }} {{ toString .Values.n }} {{ toStrings (list 1 \"a\") }}", "n: 1.5") ==
        "3 1.5 [1 a]");
  CHECK(render("{{ upper 3 }}").find("wrong type for value; expected string; got int") != std::string::npos);
}

TEST_CASE("indent and nindent, including empty strings", "[helm][functions]") {
  CHECK(render("{{ indent 2 \"a\\nb\" }}") == "  a\n  b");
  CHECK(render("x:{{ nindent 2 \"a\\nb\" }}") == "x:\n  a\n  b");
  CHECK(render("x:{{ nindent 4 \"\" }}|") == "x:\n    |");
  CHECK(render("{{ indent 2 \"\" }}|") == "  |");
  CHECK(render("{{ indent 2 \"a\\n\" }}|") == "  a\n  |");
}

TEST_CASE("list functions", "[helm][functions]") {
  CHECK(render("{{ list 1 \"a\" }} {{ first (list 1 2) }} {{ last (list 1 2) }}") == "[1 a] 1 2");
  CHECK(render("{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) }}") ==
        "[1 2] [0 1] [1 2 3]");
  CHECK(render("{{ has 2 (list 1 2) }} {{ without (list 1 2 3 2) 2 }} {{ uniq (list 1 1 2) }}") ==
        "true [1 3] [1 2]");
  CHECK(render("{{ compact (list \"a\" \"\" 0 nil \"b\") }} {{ sortAlpha (list \"b\" \"C\" \"a\") }}") ==
        "[a b] [C a b]");
  CHECK(render("{{ until 3 }} {{ seq 3 }} {{ seq 2 4 }} {{ seq 5 -2 1 }}") == "[0 1 2] 1 2 3 2 3 4 5 3 1");
  CHECK(render("{{ first (list) }}|") == "|");
}

TEST_CASE("dict functions share the map like Go", "[helm][functions]") {
  CHECK(
      render("{{ $d := dict \"a\" 1 \"b\" 2 }}{{ get $d \"a\" }}{{ get $d \"zz\" }} {{ hasKey $d \"b\" }}") ==
      "1 true");
  CHECK(
      render(
          "{{ $d := dict }}{{ $_ := set $d \"k\" \"v\" }}{{ $d.k }}{{ $_ := unset $d \"k\" }}{{ len $d }}") ==
      "v0");
  CHECK(render("{{ keys (dict \"b\" 1 \"a\" 2) | sortAlpha }} {{ values (dict \"b\" 1 \"a\" 2) }}") ==
        "[a b] [2 1]");
  CHECK(render("{{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3) }}") == "[1 3]");
  CHECK(
      render("{{ $d := dict \"a\" \"keep\" \"e\" \"\" }}{{ $_ := merge $d (dict \"a\" \"x\" \"e\" \"filled\" "
             "\"n\" 1) }}{{ $d }}") == "map[a:keep e:filled n:1]");
  CHECK(render("{{ mergeOverwrite (dict \"a\" \"old\" \"k\" \"keep\") (dict \"a\" \"new\" \"k\" \"\") }}") ==
        "map[a:new k:]");
  CHECK(render("{{ $a := dict \"x\" (dict \"y\" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.x \"y\" 2 }}{{ "
               "$a.x.y }}") == "1");
}

TEST_CASE("math and conversions", "[helm][functions]") {
  CHECK(render("{{ add 1 2 3 }} {{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }}") == "6 -2 24 3 1");
  CHECK(render("{{ max 1 5 3 }} {{ min 4 2 8 }} {{ add1 .Values.n }}", "n: 2") == "5 2 3");
  CHECK(
      render("{{ int \"42\" }} {{ int 3.9 }} {{ float64 \"1.5\" }} {{ atoi \"x\" }} {{ int64 \"0x10\" }}") ==
      "42 3 1.5 0 16");
  CHECK(render("{{ div 1 0 }}").find("integer divide by zero") != std::string::npos);
}

TEST_CASE("type checks", "[helm][functions]") {
  CHECK(
      render(
          "{{ kindIs \"map\" .Values.m }} {{ kindIs \"slice\" .Values.l }} {{ kindIs \"string\" .Values.s }} "
          "{{ kindIs \"float64\" .Values.n }} {{ kindIs \"invalid\" .Values.none }}",
          "m: {}\nl: []\ns: x\nn: 1") == "true true true true true");
  CHECK(render("{{ typeOf .Values.m }} {{ typeOf .Values.l }} {{ typeOf true }}", "m: {}\nl: []") ==
        "map[string]interface {} []interface {} bool");
}

TEST_CASE("toYaml writes go-yaml v2's style", "[helm][functions]") {
  const std::string values =
      "r:\n  limits: {cpu: 100m, memory: 128Mi}\n  requests: {cpu: 1.5}\n"
      "ns: {kubernetes.io/os: windows}\n"
      "tol: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]\n"
      "strs: {t: \"true\", num: \"123\", e: \"\", star: \"*\", colon: \"a: b\", ok: plain, "
      "multi: \"a\\nb\\n\", date: \"2024-01-01\", hash: \"#x\"}\n"
      "nested: {list: [[1, 2], []], m: {}, z: null}\n";
  CHECK(render("{{ toYaml .Values.r }}", values) ==
        "limits:\n  cpu: 100m\n  memory: 128Mi\nrequests:\n  cpu: 1.5");
  CHECK(render("{{ toYaml .Values.ns }}", values) == "kubernetes.io/os: windows");
  CHECK(render("{{ toYaml .Values.tol }}", values) ==
        "- effect: NoSchedule\n  key: os\n  operator: Equal\n  value: windows");
  CHECK(render("{{ toYaml .Values.strs }}", values) == "colon: 'a: b'\ndate: \"2024-01-01\"\ne: \"\"\nhash: "
                                                       "'#x'\nmulti: |\n  a\n  b\nnum: \"123\"\nok: plain\n"
                                                       "star: '*'\nt: \"true\"");
  CHECK(render("{{ toYaml .Values.nested }}", values) == "list:\n- - 1\n  - 2\n- []\nm: {}\nz: null");
  CHECK(render("{{ toYaml .Values.none }}|{{ toYaml (list) }}|{{ toYaml \"s\" }}|{{ toYaml 1000000.0 }}") ==
        "null|[]|s|1000000");
  CHECK(render("spec:\n  nodeSelector:\n    {{- toYaml .Values.ns | nindent 4 }}", values) ==
        "spec:\n  nodeSelector:\n    kubernetes.io/os: windows");
}

TEST_CASE("toJson, fromJson, fromYaml", "[helm][functions]") {
  CHECK(render("{{ toJson .Values.m }}", "m: {b: [1, 1.5, x], a: \"<&>\", n: null}") ==
        "{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,1.5,\"x\"],\"n\":null}");
  CHECK(render("{{ toRawJson (dict \"a\" \"<\") }} {{ toPrettyJson (dict \"a\" (list 1)) }}") ==
        "{\"a\":\"<\"} {\n  \"a\": [\n    1\n  ]\n}");
  CHECK(render("{{ (fromJson \"{\\\"a\\\": 2}\").a }} {{ (fromYaml \"a: {b: c}\").a.b }}") == "2 c");
  CHECK(render("{{ (fromYaml \"a: [\").Error }}").find("yaml") != std::string::npos);
}

TEST_CASE("encodings, digests, deterministic random values and dates", "[helm][functions]") {
  CHECK(render("{{ b64enc \"hello\" }} {{ b64dec \"aGVsbG8=\" }} {{ b64enc \"ab\" }}") ==
        "aGVsbG8= hello YWI=");
  CHECK(render("{{ sha256sum \"abc\" }}") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(render("{{ randAlphaNum 8 | len }} {{ uuidv4 | len }}") == "8 36");
  CHECK(render("{{ randAlphaNum 8 }}") == render("{{ randAlphaNum 8 }}"));
  CHECK(render("{{ now | date \"2006-01-02\" }} {{ date \"Jan 2, 2006\" now }}") == "2026-12-04 Dec 4, 2026");
}

TEST_CASE("Helm functions: include, tpl, required, fail, lookup", "[helm][functions]") {
  const std::vector<std::string> helpers{
      "{{- define \"chart.name\" -}}{{ .Values.name | default \"fallback\" | trunc 63 }}{{- end -}}\n"
      "{{- define \"chart.labels\" -}}\napp: {{ include \"chart.name\" . }}\ntier: web\n{{- end -}}"};
  CHECK(render("name: {{ include \"chart.name\" . }}", "name: web", helpers) == "name: web");
  CHECK(render("labels:\n  {{- include \"chart.labels\" . | nindent 2 }}", "", helpers) ==
        "labels:\n  app: fallback\n  tier: web");
  CHECK(render("{{ include \"missing\" . }}").find("no template \"missing\"") != std::string::npos);
  CHECK(render("{{ tpl .Values.t . }}", "t: \"{{ .Release.Name }}-x\"") == "release-name-x");
  CHECK(render("{{ required \"need a tag\" .Values.tag }}", "tag: v1") == "v1");
  CHECK(render("x\n{{ required \"need a tag\" .Values.tag }}") ==
        "ERROR: template: chart/templates/test.yaml:2:3: executing \"chart/templates/test.yaml\" at "
        "<required \"need a tag\" .Values.tag>: error calling required: need a tag");
  CHECK(render("{{ required \"empty\" .Values.e }}", "e: \"\"").find("error calling required: empty") !=
        std::string::npos);
  CHECK(render("{{ fail \"stop here\" }}").find("error calling fail: stop here") != std::string::npos);
  CHECK(render("{{ lookup \"v1\" \"Secret\" \"ns\" \"name\" | len }}") == "0");
  CHECK(render(
            "{{ semverCompare \">=1.19-0\" \"v1.30.0\" }} {{ semverCompare \"<1.19\" \"1.30.0\" }} "
            "{{ semverCompare \"~1.2.0\" \"1.2.9\" }} {{ semverCompare \"^1.2\" \"2.0.0\" }} "
            "{{ semverCompare \">=1.16.0-0, <1.22.0-0\" \"1.20.3\" }} {{ semverCompare \"1.x\" \"1.9\" }}") ==
        "true false true false true true");
}

TEST_CASE("Helm's values: merge, null deletes, --set syntax", "[helm][values]") {
  using namespace wincompat::helm;
  wincompat::SourceFile defaults_file("values.yaml", "image: {repo: a, tag: \"1\"}\nkeep: k\ndrop: d\n");
  Value defaults = load_yaml(defaults_file, true).value;
  wincompat::SourceFile user_file("prod.yaml", "image: {tag: \"2\"}\ndrop: null\n");
  Map user = *load_yaml(user_file, true).value.map;
  std::string error;
  REQUIRE(apply_set(user, "replicas=3,image.pull=Always", error));
  REQUIRE(apply_set(user, "list[1]=b,list[0]=a,nums={1,2},obj[0].name=x,flag=true,nul=null,zero=0,lead=007",
                    error));
  REQUIRE(apply_set(user, "esc=a\\,b,dotted\\.key=v", error));
  Value merged = coalesce_values(Value::new_map(user), defaults);
  CHECK(format_v(merged) ==
        "map[dotted.key:v esc:a,b flag:true image:map[pull:Always repo:a tag:2] keep:k lead:007 list:[a b] "
        "nul:<nil> nums:[1 2] obj:[map[name:x]] replicas:3 zero:0]");
  CHECK(type_name((*merged.map)["replicas"]) == "int64");
  CHECK(!apply_set(user, "novalue", error));
  CHECK(error.find("has no value") != std::string::npos);
}

TEST_CASE("path functions and smaller helpers", "[helm][functions]") {
  CHECK(render("{{ base \"a/b/c.txt\" }} {{ dir \"a/b/c.txt\" }} {{ ext \"c.tar.gz\" }} {{ clean "
               "\"a//b/../c/\" }}") == "c.txt a/b .gz a/c");
  CHECK(render("{{ camelcase \"http_server\" }} {{ swapcase \"aB\" }} {{ initials \"First Try\" }}") ==
        "HttpServer Ab FT");
  CHECK(render("{{ (splitn \"$\" 2 \"a$b$c\")._1 }} {{ regexFindAll \"[0-9]+\" \"a1b22c333\" 2 }}") ==
        "b$c [1 22]");
  CHECK(render("{{ plural \"one\" \"many\" 2 }} {{ trimall \"-\" \"-x-\" }} {{ biggest 1 3 2 }}") ==
        "many x 3");
  CHECK(
      render("{{ wrapWith 5 \"|\" \"Hello World\" }} {{ wrap 5 \"Hello World\" | replace \"\\n\" \"/\" }}") ==
      "Hello|World Hello/World");
  CHECK(render("{{ regexQuoteMeta \"1.2+[x]\" }}") == "1\\.2\\+\\[x\\]");
  CHECK(render("{{ deepEqual (list 1 (dict \"a\" 2)) (list 1 (dict \"a\" 2)) }} {{ deepEqual (list 1) (list "
               "2) }}") == "true false");
  CHECK(render("{{ osBase \"a/b.txt\" }} {{ osExt \"b.txt\" }} {{ mustSlice (list 1 2 3) 1 }}") ==
        "b.txt .txt [2 3]");
  CHECK(render("[{{ getHostByName \"example.com\" }}]") == "[]");
  // env and expandenv are not in Helm's function map: not supported here either.
  CHECK(render_template("{{ env \"HOME\" }}").unsupported);
}

TEST_CASE("functions keep the places of the values they copy", "[helm][functions][origin]") {
  using wincompat::helm::test::render_template;
  const std::string values = "tag: v1\nrepo: mcr.microsoft.com/windows/nanoserver\n";
  auto chain_at = [](const wincompat::helm::test::Rendered &r, const std::string &needle) {
    const size_t at = r.text.find(needle);
    REQUIRE(at != std::string::npos);
    auto chain = r.output.chain_at(static_cast<uint32_t>(at));
    REQUIRE(chain);
    return *chain;
  };
  auto quoted = render_template("image: {{ printf \"%s:%s\" .Values.repo .Values.tag | quote }}", values);
  CHECK(quoted.text == "image: \"mcr.microsoft.com/windows/nanoserver:v1\"");
  CHECK(chain_at(quoted, "v1").front().path() == "chart/values.yaml");
  CHECK(chain_at(quoted, "v1").front().role_text() == "tag set here");
  CHECK(chain_at(quoted, "nanoserver").front().role_text() == "repo set here");
  CHECK(chain_at(quoted, "image").front().path() == "chart/templates/test.yaml");
  auto lowered = render_template("{{ .Values.tag | upper }}", values);
  CHECK(chain_at(lowered, "V1").front().role_text() == "tag set here");
  auto defaulted = render_template("{{ .Values.none | default .Values.tag }}", values);
  CHECK(chain_at(defaulted, "v1").front().role_text() == "tag set here");
  auto yaml = render_template("{{ toYaml .Values | nindent 2 }}", values);
  CHECK(chain_at(yaml, "v1").front().role_text() == "tag set here");
}

TEST_CASE("a render's chain joiner shares a repeated join and caps the chain", "[helm][origin]") {
  using namespace wincompat;
  helm::ChainJoiner joiner;
  const helm::ChainPtr value = helm::make_chain(
      Origin{FileId("chart/values.yaml"), {7, 15}, OriginRole::SetHere, Interned("image.tag")});
  const helm::ChainPtr action = helm::make_chain(
      Origin{FileId("chart/templates/a.yaml"), {0, 20}, OriginRole::UsedBy, Interned("templates/a.yaml")});
  const helm::ChainPtr joined = joiner.join(value, action);
  REQUIRE(joined->size() == 2);
  CHECK((*joined)[0].role_text() == "image.tag set here");
  CHECK((*joined)[1].path() == "chart/templates/a.yaml");
  CHECK(joiner.join(value, action) == joined); // the same chain, not a copy
  CHECK(joiner.join(nullptr, action) == action);
  CHECK(joiner.join(value, nullptr) == value);
  helm::ChainPtr deep = joined;
  for (int i = 0; i < 5; ++i) {
    deep = joiner.join(deep, action);
  }
  CHECK(deep->size() == 4);
}
