// Partial rendering (Engine::partial, as lint renders charts): an action
// that fails gives an unknown value, printed as <unknown-N>, and execution
// goes on; one test per kind of error, then how unknowns propagate.
#include "helm_support.hpp"

#include <catch2/catch.hpp>

using namespace wincompat::helm;

namespace {

wincompat::helm::test::Rendered partial_render(const std::string &tpl, const std::string &values = "",
                                               const std::vector<std::string> &extra = {}) {
  return wincompat::helm::test::render_template(tpl, values, extra, {}, true);
}

} // namespace

TEST_CASE("partial: a required with no value is unknown and names its key", "[helm][partial]") {
  const auto r = partial_render("a: {{ required \"tag!\" .Values.image.tag }}\nb: after\n", "image: {}\n");
  CHECK(r.error.empty());
  CHECK(r.text == "a: <unknown-1>\nb: after\n");
  REQUIRE(r.unknowns.size() == 1);
  CHECK(r.unknowns[0].error.function == "required");
  CHECK(r.unknowns[0].error.values_key == "image.tag");
  CHECK(r.unknowns[0].error.detail == "tag!");
  CHECK_FALSE(r.unknowns[0].structural);
  // Piped, and from `$`: the key is still the one it reads.
  const auto piped = partial_render("{{ $.Values.region | required \"region!\" }}");
  REQUIRE(piped.unknowns.size() == 1);
  CHECK(piped.unknowns[0].error.values_key == "region");
  // Helm's own behaviour without partial: the template stops.
  CHECK(
      wincompat::helm::test::render("a: {{ required \"tag!\" .Values.tag }}") ==
      "ERROR: template: chart/templates/test.yaml:1:6: executing \"chart/templates/test.yaml\" at <required "
      "\"tag!\" .Values.tag>: error calling required: tag!");
}

TEST_CASE("partial: fail, a nil pointer, a wrong argument, a missing function or template",
          "[helm][partial]") {
  const auto failed = partial_render("x: {{ fail \"no owner\" }}\ny: 1\n");
  CHECK(failed.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(failed.unknowns.size() == 1);
  CHECK(failed.unknowns[0].error.function == "fail");
  CHECK(failed.unknowns[0].error.detail == "no owner");

  const auto nil = partial_render("x: {{ .Values.proxy.host }}\ny: 1\n");
  CHECK(nil.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(nil.unknowns.size() == 1);
  CHECK(std::string(nil.unknowns[0].error.what()).find("nil pointer evaluating interface {}.host") !=
        std::string::npos);

  const auto wrong = partial_render("x: {{ index .Values.list \"key\" }}\ny: 1\n", "list: [a]\n");
  CHECK(wrong.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(wrong.unknowns.size() == 1);
  CHECK(wrong.unknowns[0].error.function == "index");

  const auto missing_fn = partial_render("x: {{ .Values | notAHelmFunction }}\ny: 1\n");
  CHECK(missing_fn.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(missing_fn.unknowns.size() == 1);
  CHECK(missing_fn.unknowns[0].error.unsupported);

  const auto missing_include = partial_render("x: {{ include \"no.such\" . }}\ny: 1\n");
  CHECK(missing_include.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(missing_include.unknowns.size() == 1);
  CHECK(missing_include.unknowns[0].error.function == "include");

  const auto missing_template = partial_render("x: {{ template \"no.such\" . }}\ny: 1\n");
  CHECK(missing_template.text == "x: <unknown-1>\ny: 1\n");
  REQUIRE(missing_template.unknowns.size() == 1);
  CHECK(missing_template.unknowns[0].structural);
}

TEST_CASE("partial: an unknown propagates through functions, fields and variables", "[helm][partial]") {
  const auto r = partial_render("{{ $t := required \"t\" .Values.t }}"
                                "image: {{ printf \"%s:%s\" \"repo\" $t | quote }}\n"
                                "field: {{ $t.a.b }}\n"
                                "yaml: {{ dict \"k\" $t | toYaml }}\n"
                                "list: {{ list 1 $t | toJson }}\n"
                                "known: {{ \"x\" | upper }}\n");
  CHECK(r.text == "image: <unknown-1>\nfield: <unknown-1>\nyaml: <unknown-1>\nlist: <unknown-1>\nknown: X\n");
  CHECK(r.unknowns.size() == 1);
  // `=` assigns the unknown to an existing variable.
  const auto assigned = partial_render("{{ $x := \"a\" }}{{ $x = fail \"f\" }}{{ $x }}|{{ \"b\" }}");
  CHECK(assigned.text == "<unknown-1>|b");
}

TEST_CASE("partial: a control structure on an unknown renders neither branch", "[helm][partial]") {
  const auto failed_pipe = partial_render("a\n{{ if .Values.x.y }}yes{{ else }}no{{ end }}\nb\n");
  CHECK(failed_pipe.text == "a\n<unknown-1>\nb\n");
  REQUIRE(failed_pipe.unknowns.size() == 1);
  CHECK(failed_pipe.unknowns[0].structural);

  const auto unknown_value = partial_render("{{ $v := required \"v\" .Values.v }}"
                                            "{{ if $v }}yes{{ end }}|{{ range $v }}item{{ end }}|"
                                            "{{ with $v }}with{{ end }}|end");
  CHECK(unknown_value.text == "<unknown-2>|<unknown-3>|<unknown-4>|end");
  REQUIRE(unknown_value.unknowns.size() == 4);
  CHECK_FALSE(unknown_value.unknowns[0].structural);
  CHECK(unknown_value.unknowns[1].structural); // the same cause, at the `if`
  CHECK(unknown_value.unknowns[1].error.function == "required");
}

TEST_CASE("partial: an unknown inside an included helper stays in its text", "[helm][partial]") {
  const auto r =
      partial_render("region: {{ include \"region\" . | quote }}\nnext: 1\n", "",
                     {"{{- define \"region\" -}}eu-{{ required \"r\" .Values.region }}{{- end -}}"});
  CHECK(r.text == "region: \"eu-<unknown-1>\"\nnext: 1\n");
  REQUIRE(r.unknowns.size() == 1);
  CHECK(r.unknowns[0].error.values_key == "region");
  CHECK(r.unknowns[0].error.source->path == "chart/templates/_extra.tpl");
}
