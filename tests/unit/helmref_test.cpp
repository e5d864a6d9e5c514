// Differential tests: the C++ Helm engine against the reference
// (tests/helmref: Go's text/template, Sprig and Helm's functions). Every
// template of the test charts, the kept regression cases and random programs
// must render identically, or fail with the same message.
#include "helmref_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace wincompat::helm::test;
using wincompat::test::read_file;
using wincompat::test::source_dir;

namespace {

bool under_ci() {
  const char *ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

/// The reference, or why not: a failure under CI=true, a skip elsewhere.
Reference *reference_or_skip() {
  Reference &reference = Reference::get();
  if (reference.available()) {
    return &reference;
  }
  if (under_ci()) {
    FAIL("the Helm reference is required under CI=true: " << reference.why());
  }
  WARN("SKIPPED: " << reference.why());
  return nullptr;
}

std::vector<fs::path> sorted_files(const fs::path &dir, const std::string &extension) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// ---- charts --------------------------------------------------------------

struct ChartTemplate {
  std::string label; // chart/templates/file.yaml
  DiffCase c;
};

/// Every chart under `root` (subcharts too, each with its own values).
void collect_charts(const fs::path &root, std::vector<fs::path> &charts) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().filename() == "Chart.yaml") {
      charts.push_back(it->path().parent_path());
    }
  }
  std::sort(charts.begin(), charts.end());
}

/// A chart's .Chart as Helm's metadata fields read from Chart.yaml.
std::string chart_object(const fs::path &chart) {
  nlohmann::json top = nlohmann::json::object();
  nlohmann::json meta = nlohmann::json::object();
  try {
    YAML::Node node = YAML::LoadFile((chart / "Chart.yaml").string());
    for (const char *field : {"name", "version", "appVersion", "description", "type", "kubeVersion"}) {
      std::string key = field;
      key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
      meta[key] = node[field] && node[field].IsScalar() ? node[field].as<std::string>() : std::string();
    }
  } catch (const YAML::Exception &) {
  }
  top["Chart"] = meta;
  return top.dump();
}

/// What Go fills at random, masked: PEM blocks (keys and certificates) and
/// their base64 ("LS0tLS1CRUdJTi" is "-----BEGIN").
std::string helmref_mask_random(const std::string &text) {
  static const std::regex pem("-----BEGIN ([A-Z ]+)-----\n[A-Za-z0-9+/=\n]*-----END \\1-----\n?");
  static const std::regex pem64("LS0tLS1CRUdJTi[A-Za-z0-9+/=]*");
  return std::regex_replace(std::regex_replace(text, pem, "<PEM $1>"), pem64, "<base64 PEM>");
}

std::vector<ChartTemplate> chart_templates() {
  std::vector<fs::path> charts;
  for (const char *root : {"tests/charts", "examples/helm"}) {
    collect_charts(fs::path(source_dir()) / root, charts);
  }
  // broken/ calls a function of a later Helm than the map the engine follows
  // (the WC911 fixture): Go's parser rejects every file of the chart over it,
  // where the engine, by design, reports it and renders the rest.
  charts.erase(std::remove_if(charts.begin(), charts.end(),
                              [](const fs::path &chart) { return chart.filename() == "broken"; }),
               charts.end());
  std::vector<ChartTemplate> out;
  for (const fs::path &chart : charts) {
    const fs::path templates = chart / "templates";
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(templates, ec), end; it != end; it.increment(ec)) {
      if (it->is_regular_file()) {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    const std::string values =
        fs::exists(chart / "values.yaml") ? read_file((chart / "values.yaml").string()) : "";
    const std::string top = chart_object(chart);
    for (const fs::path &file : files) {
      const std::string name = file.filename().string();
      if (name[0] == '_' || name == "NOTES.txt") {
        continue; // helpers: parsed as extra files of the others
      }
      ChartTemplate t;
      t.label = fs::relative(file, source_dir()).string();
      t.c.tpl = read_file(file.string());
      t.c.values = values;
      t.c.top_json = top;
      t.c.capabilities = true; // Helm's defaults, as `helm template` without flags
      for (const fs::path &other : files) {
        if (other != file) {
          t.c.extra.push_back(read_file(other.string()));
        }
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

// ---- the random program generator -----------------------------------------

/// A function the generator calls and how many arguments it takes.
struct GenFunction {
  const char *name;
  int min_args;
  int max_args;
};

// Functions whose differences are known and documented in docs/helm.md
// ("What still differs") are left out; the regex functions belong to
// another change (RE2).
const GenFunction kFunctions[] = {
    {"upper", 1, 1},
    {"lower", 1, 1},
    {"title", 1, 1},
    {"untitle", 1, 1},
    {"trim", 1, 1},
    {"trimAll", 2, 2},
    {"trimPrefix", 2, 2},
    {"trimSuffix", 2, 2},
    {"quote", 0, 3},
    {"squote", 0, 3},
    {"repeat", 2, 2},
    {"substr", 3, 3},
    {"trunc", 2, 2},
    {"abbrev", 2, 2},
    {"contains", 2, 2},
    {"hasPrefix", 2, 2},
    {"hasSuffix", 2, 2},
    {"replace", 3, 3},
    {"nospace", 1, 1},
    {"initials", 1, 1},
    {"wrap", 2, 2},
    {"wrapWith", 3, 3},
    {"indent", 2, 2},
    {"nindent", 2, 2},
    {"cat", 0, 3},
    {"split", 2, 2},
    {"splitList", 2, 2},
    {"join", 2, 2},
    {"toString", 1, 1},
    {"toStrings", 1, 1},
    {"swapcase", 1, 1},
    {"plural", 3, 3},
    {"printf", 1, 3},
    {"print", 0, 3},
    {"println", 0, 2},
    {"b64enc", 1, 1},
    {"b64dec", 1, 1},
    {"sha256sum", 1, 1},
    {"list", 0, 3},
    {"first", 1, 1},
    {"last", 1, 1},
    {"rest", 1, 1},
    {"initial", 1, 1},
    {"reverse", 1, 1},
    {"uniq", 1, 1},
    {"compact", 1, 1},
    {"has", 2, 2},
    {"without", 2, 3},
    {"append", 2, 2},
    {"prepend", 2, 2},
    {"concat", 0, 3},
    {"sortAlpha", 1, 1},
    {"slice", 1, 3},
    {"len", 1, 1},
    {"index", 1, 3},
    {"dict", 0, 4},
    {"get", 2, 2},
    {"set", 3, 3},
    {"unset", 2, 2},
    {"hasKey", 2, 2},
    {"keys", 1, 2},
    {"values", 1, 1},
    {"pluck", 2, 3},
    {"pick", 2, 3},
    {"omit", 2, 3},
    {"merge", 2, 3},
    {"mergeOverwrite", 2, 3},
    {"deepCopy", 1, 1},
    {"dig", 3, 4},
    {"add", 0, 3},
    {"sub", 2, 2},
    {"mul", 0, 3},
    {"div", 2, 2},
    {"mod", 2, 2},
    {"max", 1, 3},
    {"min", 1, 3},
    {"add1", 1, 1},
    {"floor", 1, 1},
    {"ceil", 1, 1},
    {"round", 2, 3},
    {"int", 1, 1},
    {"int64", 1, 1},
    {"float64", 1, 1},
    {"atoi", 1, 1},
    {"addf", 0, 3},
    {"subf", 1, 3},
    {"mulf", 1, 3},
    {"divf", 1, 3},
    {"default", 2, 2},
    {"empty", 1, 1},
    {"coalesce", 0, 3},
    {"ternary", 3, 3},
    {"eq", 2, 3},
    {"ne", 2, 2},
    {"lt", 2, 2},
    {"le", 2, 2},
    {"gt", 2, 2},
    {"ge", 2, 2},
    {"and", 1, 3},
    {"or", 1, 3},
    {"not", 1, 1},
    {"kindOf", 1, 1},
    {"typeOf", 1, 1},
    {"kindIs", 2, 2},
    {"typeIs", 2, 2},
    {"toYaml", 1, 1},
    {"toJson", 1, 1},
    {"fromYaml", 1, 1},
    {"fromJson", 1, 1},
    {"toPrettyJson", 1, 1},
    {"toRawJson", 1, 1},
    {"fromYamlArray", 1, 1},
    {"fromJsonArray", 1, 1},
    {"until", 1, 1},
    {"untilStep", 3, 3},
    {"seq", 1, 3},
    {"required", 2, 2},
    {"tpl", 2, 2},
    {"include", 2, 2},
    {"html", 1, 2},
    {"js", 1, 2},
    {"urlquery", 1, 2},
    {"ternary", 3, 3},
    {"toDecimal", 1, 1},
    {"int", 1, 1},
    {"float64", 1, 1},
    {"nindent", 2, 2},
    {"sha1sum", 1, 1},
    {"sha512sum", 1, 1},
    {"adler32sum", 1, 1},
    {"b32enc", 1, 1},
    {"b32dec", 1, 1},
    {"abbrevboth", 3, 3},
    {"add1f", 1, 1},
    {"hello", 0, 0},
    {"urlParse", 1, 1},
    {"urlJoin", 1, 1},
    {"duration", 1, 1},
    {"toDate", 2, 2},
    {"mustToDate", 2, 2},
    {"dateModify", 2, 2},
    {"unixEpoch", 1, 1},
    {"call", 1, 2},
    {"toToml", 1, 1},
};

class Generator {
public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  DiffCase program() {
    DiffCase c;
    vars_.clear();
    c.values = values();
    if (chance(3)) {
      // t1 never calls itself: Go's executor recurses until its stack ends
      // the process (Helm's too), which is no difference to test.
      in_define_ = true;
      c.extra.push_back("{{ define \"t1\" }}" + body(1, false) +
                        "{{ end }}{{ define \"t2\" }}[{{ . }}]{{ end }}");
      in_define_ = false;
    }
    c.tpl = body(3, false);
    return c;
  }

private:
  std::mt19937_64 rng_;
  std::vector<std::string> vars_;
  int var_count_ = 0;
  bool in_define_ = false;

  size_t pick(size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }
  bool chance(size_t one_in) {
    return pick(one_in) == 0;
  }
  template <size_t N> const char *one_of(const char *const (&options)[N]) {
    return options[pick(N)];
  }

  std::string scalar_yaml() {
    static const char *const kScalars[] = {
        "1", "0", "-3", "42", "1.5", "0.1", "1000000", "12345678901", "1e3", "true", "false", "null", "\"\"",
        "\"x\"", "\"a,b\"", "\"Hello World\"", "\"3\"", "\"é ß\"", "\"a-b_c d\"", "\" pad \"", "yes",
        "\"<&>\"", "~", "\"line1\\nline2\"", "-0.5", "7.0",
        // long strings: toYaml folds them past 80 columns as go-yaml v2 does
        "\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
        "labore\"",
        "\"key: value pairs make this single quoted and it is long enough to fold somewhere past eighty\"",
        "\"line one is long enough to need folding when it is written double quoted because\\nof the break "
        "\"",
        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\"",
        "\"ünïcödé wörds ünïcödé wörds ünïcödé wörds ünïcödé wörds ünïcödé wörds ünïcödé wörds ünïcödé\""};
    return one_of(kScalars);
  }
  std::string values() {
    std::string out;
    // Keys avoid y and n: YAML 1.1 booleans as keys (docs/helm.md).
    for (const char *key : {"a", "b", "c", "d", "e"}) {
      if (chance(5)) {
        continue;
      }
      out += key;
      out += ": ";
      switch (pick(4)) {
      case 0:
        out += "[" + scalar_yaml() + ", " + scalar_yaml() + "]";
        break;
      case 1:
        out += "{x: " + scalar_yaml() + ", v: " + scalar_yaml() + ", z: {w: " + scalar_yaml() + "}}";
        break;
      default:
        out += scalar_yaml();
      }
      out += "\n";
    }
    return out;
  }

  std::string literal() {
    static const char *const kLiterals[] = {"0",
                                            "1",
                                            "2",
                                            "3",
                                            "-1",
                                            "10",
                                            "0x1F",
                                            "0o17",
                                            "017",
                                            "0b101",
                                            "1_000",
                                            "1.5",
                                            "-2.5",
                                            "1e3",
                                            "0x1p4",
                                            "'a'",
                                            "'\\n'",
                                            "\"\"",
                                            "\"a\"",
                                            "\"abc\"",
                                            "\"a,b,c\"",
                                            "\" x \"",
                                            "\"Hello World\"",
                                            "\"é\"",
                                            "`raw\\n`",
                                            "\"a\\tb\"",
                                            "\"-\"",
                                            "\",\"",
                                            "\"%s\"",
                                            "\"%d\"",
                                            "\"%v-%v\"",
                                            "\"%q\"",
                                            "\"3\"",
                                            "\"x: 1\"",
                                            "\"[1, 2]\"",
                                            "\"{\\\"k\\\": 1}\"",
                                            "true",
                                            "false",
                                            "nil",
                                            "\"t2\"",
                                            "\"{{ .a }}\"",
                                            "\"a/b\"",
                                            "\"AbC dEf\"",
                                            "\"https://u@h:8/a%20b?q=1#f\"",
                                            "\"2006-01-02\"",
                                            "\"90m\""};
    return one_of(kLiterals);
  }
  std::string operand(int depth) {
    switch (pick(depth > 0 ? 8 : 6)) {
    case 0:
    case 1:
      return literal();
    case 2:
      return std::string(".Values.") + one_of({"a", "b", "c", "d", "e"}) +
             (chance(4) ? std::string(".") + one_of({"x", "v", "z"}) : "");
    case 3:
      if (!vars_.empty()) {
        return vars_[pick(vars_.size())];
      }
      return "$";
    case 4:
      return one_of({".", "$", ".Values", "$.Values.a", ".Release.Name"});
    case 5:
      return literal();
    default:
      return "(" + pipeline(depth - 1) + ")";
    }
  }
  std::string call(int depth, int piped) {
    const GenFunction &f = kFunctions[pick(std::size(kFunctions))];
    int n = f.min_args + static_cast<int>(pick(static_cast<size_t>(f.max_args - f.min_args + 1)));
    n = std::max(0, n - piped);
    std::string out = f.name;
    for (int i = 0; i < n; ++i) {
      out += " " + operand(depth);
    }
    return out;
  }
  std::string pipeline(int depth) {
    std::string out = chance(3) ? operand(depth) : call(depth, 0);
    while (chance(3)) {
      out += " | " + call(depth, 1);
    }
    return out;
  }
  std::string open() {
    return chance(4) ? "{{- " : "{{ ";
  }
  std::string close() {
    return chance(4) ? " -}}" : " }}";
  }
  std::string text() {
    static const char *const kText[] = {"a", " ", "\n", "x: ", "  - ", "\n  ", "{", "}", "é", "\t"};
    return one_of(kText);
  }
  std::string body(int depth, bool in_range) {
    std::string out;
    const size_t n = 1 + pick(4);
    const size_t scope = vars_.size();
    for (size_t i = 0; i < n; ++i) {
      switch (pick(depth > 0 ? 12 : 6)) {
      case 0:
      case 1:
        out += text();
        break;
      case 2: {
        std::string v = "$v" + std::to_string(var_count_++ % 3);
        const bool known = std::find(vars_.begin(), vars_.end(), v) != vars_.end();
        out += open() + v + (known && chance(2) ? " = " : " := ") + pipeline(1) + close();
        if (!known) {
          vars_.push_back(v);
        }
        break;
      }
      case 6:
        out += open() + "if " + pipeline(1) + close() + body(depth - 1, in_range);
        if (chance(2)) {
          out += open() + (chance(2) ? "else if " + pipeline(1) : std::string("else")) + close() +
                 body(depth - 1, in_range);
        }
        out += open() + "end" + close();
        break;
      case 7:
        out += open() + "with " + pipeline(1) + close() + body(depth - 1, in_range);
        if (chance(3)) {
          out += open() + "else" + close() + body(depth - 1, in_range);
        }
        out += open() + "end" + close();
        break;
      case 8: {
        const size_t before = vars_.size();
        std::string head = "range ";
        if (chance(2)) {
          head += "$k, $it := ";
          vars_.push_back("$k");
          vars_.push_back("$it");
        }
        out += open() + head + pipeline(1) + close() + body(depth - 1, true);
        vars_.resize(before);
        if (chance(3)) {
          out += open() + "else" + close() + body(depth - 1, in_range);
        }
        out += open() + "end" + close();
        break;
      }
      case 9:
        if (in_range) {
          out += open() + one_of({"break", "continue"}) + close();
          break;
        }
        [[fallthrough]];
      case 10:
        out +=
            open() +
            (in_define_
                 ? one_of({"template \"t2\" ", "include \"t2\" "})
                 : one_of({"template \"t2\" ", "include \"t2\" ", "template \"t1\" ", "include \"t1\" "})) +
            operand(1) + close();
        break;
      case 11:
        out += open() + "block \"b" + std::to_string(pick(2)) + "\" " + operand(0) + close() +
               body(0, false) + open() + "end" + close();
        break;
      default:
        out += open() + pipeline(depth > 1 ? 2 : 1) + close();
      }
    }
    vars_.resize(std::min(scope, vars_.size()));
    return out;
  }
};

bool is_error(const std::string &result) {
  return result.rfind("ERROR: ", 0) == 0;
}

/// What the fuzzer requires: the same output, or both failing. Which error
/// comes first and its message differ where Go checks an argument's type as
/// it evaluates it (docs/helm.md, "What still differs"): those are counted
/// and shown; the charts and the kept cases compare messages too.
bool agree(const std::string &mine, const std::string &go) {
  return mine == go || (is_error(mine) && is_error(go));
}

// ---- minimising -----------------------------------------------------------

/// The template as text and actions (`{{ ... }}`), the units a minimiser drops.
std::vector<std::string> units(const std::string &tpl) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < tpl.size()) {
    const size_t open = tpl.find("{{", at);
    if (open == std::string::npos) {
      out.push_back(tpl.substr(at));
      break;
    }
    if (open > at) {
      out.push_back(tpl.substr(at, open - at));
    }
    const size_t close = tpl.find("}}", open + 2);
    const size_t end = close == std::string::npos ? tpl.size() : close + 2;
    out.push_back(tpl.substr(open, end - open));
    at = end;
  }
  return out;
}

std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const std::string &p : parts) {
    out += p;
  }
  return out;
}

/// Smaller cases that still diverge: drops units, values and helpers while
/// the engines keep disagreeing.
DiffCase minimise(DiffCase c, const Reference &reference) {
  // A smaller case keeps the kind of difference: one that only breaks the
  // template's syntax is another finding, not this one.
  auto parse_error = [](const std::string &result) {
    return result.rfind("ERROR: ", 0) == 0 && result.find(": executing \"") == std::string::npos;
  };
  const bool was_parse_error = parse_error(reference.run({c}).front());
  auto diverges = [&](const DiffCase &candidate) {
    const std::string go = reference.run({candidate}).front();
    return go != kReferenceCrashed && parse_error(go) == was_parse_error &&
           !agree(engine_result(candidate), go);
  };
  bool progress = true;
  while (progress) {
    progress = false;
    std::vector<std::string> parts = units(c.tpl);
    for (size_t i = 0; i < parts.size(); ++i) {
      std::vector<std::string> fewer = parts;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      DiffCase candidate = c;
      candidate.tpl = joined(fewer);
      if (diverges(candidate)) {
        c = candidate;
        parts = fewer;
        progress = true;
        --i;
      }
    }
    if (!c.extra.empty()) {
      DiffCase candidate = c;
      candidate.extra.clear();
      if (diverges(candidate)) {
        c = candidate;
        progress = true;
      }
    }
    std::istringstream lines(c.values);
    std::vector<std::string> value_lines;
    for (std::string line; std::getline(lines, line);) {
      value_lines.push_back(line);
    }
    for (size_t i = 0; i < value_lines.size(); ++i) {
      std::vector<std::string> fewer = value_lines;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      DiffCase candidate = c;
      candidate.values.clear();
      for (const std::string &line : fewer) {
        candidate.values += line + "\n";
      }
      if (diverges(candidate)) {
        c = candidate;
        value_lines = fewer;
        progress = true;
        --i;
      }
    }
  }
  return c;
}

double fuzz_seconds() {
  if (const char *s = std::getenv("WINCOMPAT_HELMREF_FUZZ_SECONDS")) {
    return std::atof(s);
  }
  return under_ci() ? 60 : 5;
}

} // namespace

TEST_CASE("helm reference: kept regression cases render as Go renders them", "[helm][helmref]") {
  const std::vector<fs::path> files = sorted_files(fs::path(source_dir()) / "tests/helmref/cases", ".case");
  REQUIRE(!files.empty());
  std::vector<DiffCase> cases;
  for (const fs::path &file : files) {
    std::optional<CaseFile> parsed = read_case_file(read_file(file.string()));
    REQUIRE(parsed);
    INFO(file.filename().string());
    CHECK(engine_result(parsed->c) == parsed->expect);
    cases.push_back(parsed->c);
  }
  // The recorded answers are Go's own: checked whenever the reference runs.
  if (Reference *reference = reference_or_skip()) {
    const std::vector<std::string> answers = reference->run(cases);
    for (size_t i = 0; i < files.size(); ++i) {
      INFO(files[i].filename().string() << " (the expected text is not what Go renders)");
      CHECK(read_case_file(read_file(files[i].string()))->expect == answers[i]);
    }
  }
}

TEST_CASE("helm reference: .Capabilities and --kube-version/--api-versions as Helm 4.0's",
          "[helm][helmref][capabilities]") {
  Reference *reference = reference_or_skip();
  if (reference == nullptr) {
    return;
  }
  const char *const tpl =
      "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} "
      "{{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.KubeVersion.Major }} "
      "{{ .Capabilities.KubeVersion.Minor }}\n"
      "{{ if semverCompare \">=1.21-0\" .Capabilities.KubeVersion.GitVersion }}policy/v1{{ else "
      "}}policy/v1beta1"
      "{{ end }}\n"
      "{{ semverCompare \"<1.30\" .Capabilities.KubeVersion.Version }}\n"
      "{{ len .Capabilities.APIVersions }}\n"
      "{{ range list \"v1\" \"apps/v1\" \"apps/v1/Deployment\" \"policy/v1beta1\" \"batch/v2alpha1\" "
      "\"apiextensions.k8s.io/v1beta1\" \"apiextensions.k8s.io/v1\" \"resource.k8s.io/v1\" "
      "\"internal.apiserver.k8s.io/v1alpha1\" \"storagemigration.k8s.io/v1alpha1\" \"extensions/v1beta1\" "
      "\"coordination.k8s.io/v1alpha2\" \"monitoring.coreos.com/v1\" \"x.io/v1/Kind\" }}"
      "{{ . }}={{ $.Capabilities.APIVersions.Has . }} {{ end }}\n"
      "{{ .Capabilities.HelmVersion.Version }} {{ .Capabilities.HelmVersion.KubeClientVersion }}\n";
  std::vector<DiffCase> cases;
  for (const char *kube : {"", "1.20", "1.26", "v1.29.3", "1.31.2-gke.1200", " v1.02.3", "1.2.3.4", "abc",
                           "1", "01.2", "v", "1.99999999999999999999"}) {
    DiffCase c;
    c.tpl = tpl;
    c.capabilities = true;
    c.kube_version = kube;
    cases.push_back(c);
  }
  DiffCase more;
  more.tpl = tpl;
  more.capabilities = true;
  more.api_versions = {"monitoring.coreos.com/v1", "x.io/v1/Kind"};
  cases.push_back(more);
  const std::vector<std::string> answers = reference->run(cases);
  REQUIRE(answers.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO("--kube-version '" << cases[i].kube_version << "'");
    CHECK(engine_result(cases[i]) == answers[i]);
  }
}

TEST_CASE("helm reference: toYaml folds long strings as Helm's YAML library",
          "[helm][helmref][toyaml-fold]") {
  Reference *reference = reference_or_skip();
  if (reference == nullptr) {
    return;
  }
  const std::string words = "The quick brown fox jumps over the lazy dog and keeps running far away";
  const std::vector<std::string> shapes = {
      words + " " + words,                                 // plain, folds once past 80
      words + " " + words + " " + words + " " + words,     // plain, folds several times
      std::string(120, 'x'),                               // no space: never folds
      std::string(85, 'x') + " " + std::string(10, 'y'),   // the first space past 80
      std::string(79, 'x') + " " + std::string(10, 'y'),   // a space before 80: no fold
      std::string(78, 'x') + " y " + std::string(10, 'z'), // around the edge
      std::string(90, 'x') + "  two spaces  " + words,     // double spaces: not folded there
      "  leading spaces " + words + " " + words,           // single-quoted
      words + " " + words + " trailing ",                  // single-quoted, trailing space
      "'quoted' " + words + " " + words,                   // single-quoted with quotes
      "key: " + words + " " + words,                       // ": " forces quotes
      "# comment " + words + " " + words,                  // quoted indicator
      words + "\n" + words + " " + words + "\n",           // multi-line: literal block
      words + " \n" + words + " " + words + " " + words,   // trailing space + break: double-quoted
      words + "\t" + words + " " + words,                  // tab: double-quoted
      std::string(85, 'x') + "  " + words + " " + words,   // double-quoted? no: plain double space
      "\x01" + words + "  " + words + " " + std::string(40, 'q') +
          "  x", // double-quoted, spaces kept with a backslash
      "ünïcödé wörds " + words + " " + words + " ünïcödé wörds", // columns count characters
      "true " + words + " " + words,                             // not a bool: plain
      "123 " + words + " " + words,                              //
      std::string(200, 'a') + " " + std::string(200, 'b') + " c",
  };
  std::vector<DiffCase> cases;
  for (const std::string &s : shapes) {
    const std::string value = nlohmann::json(s).dump();
    for (const char *tpl :
         {"{{ toYaml .Values.v }}", "{{ toYaml .Values }}", "{{ toYaml (list .Values.v 1) }}",
          "{{ toYaml (dict \"outer\" (dict \"inner\" (list (dict \"k\" .Values.v)))) }}",
          "{{ toYaml (dict (trunc 60 .Values.v) .Values.v) }}", "x:\n  {{- toYaml .Values | nindent 2 }}"}) {
      DiffCase c;
      c.tpl = tpl;
      c.values = "v: " + value + "\n";
      cases.push_back(c);
    }
  }
  const std::vector<std::string> answers = reference->run(cases);
  REQUIRE(answers.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].tpl << " with " << cases[i].values);
    CHECK(engine_result(cases[i]) == answers[i]);
  }
}

TEST_CASE("helm reference: every chart template renders as Go renders it", "[helm][helmref]") {
  Reference *reference = reference_or_skip();
  if (reference == nullptr) {
    return;
  }
  const std::vector<ChartTemplate> templates = chart_templates();
  REQUIRE(templates.size() > 20);
  std::vector<DiffCase> cases;
  for (const ChartTemplate &t : templates) {
    cases.push_back(t.c);
  }
  std::vector<std::string> answers = reference->run(cases);
  size_t same = 0;
  for (size_t i = 0; i < templates.size(); ++i) {
    INFO(templates[i].label);
    const std::string mine = helmref_mask_random(engine_result(templates[i].c));
    answers[i] = helmref_mask_random(answers[i]);
    CHECK(mine == answers[i]);
    same += mine == answers[i] ? 1 : 0;
  }
  WARN(same << " of " << templates.size() << " chart templates render identically");
}

TEST_CASE("helm reference: random programs render as Go renders them", "[helm][helmref-fuzz]") {
  Reference *reference = reference_or_skip();
  if (reference == nullptr) {
    return;
  }
  const double seconds = fuzz_seconds();
  uint64_t seed = std::random_device{}();
  if (const char *s = std::getenv("WINCOMPAT_HELMREF_FUZZ_SEED")) {
    seed = std::strtoull(s, nullptr, 10);
  }
  const char *save_dir = std::getenv("WINCOMPAT_HELMREF_FUZZ_SAVE");
  Generator generator(seed);
  const auto start = std::chrono::steady_clock::now();
  size_t compared = 0;
  size_t divergent = 0;
  size_t messages = 0;
  std::set<std::string> seen;
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds) {
    std::vector<DiffCase> batch;
    for (int i = 0; i < 200; ++i) {
      batch.push_back(generator.program());
    }
    const std::vector<std::string> answers = reference->run(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (answers[i] == kReferenceCrashed) {
        continue;
      }
      ++compared;
      const std::string mine = engine_result(batch[i]);
      if (mine != answers[i] && is_error(mine) && is_error(answers[i])) {
        ++messages;
      }
      if (agree(mine, answers[i])) {
        continue;
      }
      ++divergent;
      const DiffCase small = minimise(batch[i], *reference);
      if (!seen.insert(small.tpl).second) {
        continue;
      }
      const std::string go = reference->run({small}).front();
      const std::string cpp = engine_result(small);
      UNSCOPED_INFO("divergence (seed " << seed << "):\n--- tpl\n"
                                        << small.tpl << "\n--- values\n"
                                        << small.values << "\n--- go\n"
                                        << go << "\n--- engine\n"
                                        << cpp);
      if (save_dir != nullptr) {
        CaseFile file{small, go};
        std::ofstream(fs::path(save_dir) /
                      ("fuzz-" + std::to_string(seed) + "-" + std::to_string(seen.size()) + ".case"))
            << write_case_file(file, "found by the differential fuzzer (seed " + std::to_string(seed) + ")");
      }
    }
  }
  WARN("compared " << compared << " random programs with the Helm reference in " << seconds << " s (seed "
                   << seed << "): " << divergent << " diverged; " << messages
                   << " failed in both with different messages");
  // A ratchet, not yet zero: the differences docs/helm.md lists still turn
  // up in about 1.5% of programs. More than the bound is a regression; lower
  // it as differences are fixed (each fix keeps its minimised case in
  // tests/helmref/cases). WINCOMPAT_HELMREF_FUZZ_STRICT=1 wants none.
  const char *strict = std::getenv("WINCOMPAT_HELMREF_FUZZ_STRICT");
  const double bound = strict != nullptr && std::string(strict) == "1" ? 0.0 : 0.03;
  REQUIRE(compared > 0);
  CHECK(static_cast<double>(divergent) <= bound * static_cast<double>(compared));
}
