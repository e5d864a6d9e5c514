// Go text/template's executor, with the function table Helm and Sprig fill.
#pragma once

#include "limits.hpp"
#include "template.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace wincompat::helm {

class Engine;

/// An error a function raises. `bare`: printed as is (Go's argument
/// checks), otherwise as "error calling NAME: what".
struct FunctionError : std::runtime_error {
  explicit FunctionError(const std::string &what, bool bare = false) : std::runtime_error(what), bare(bare) {}
  bool bare;
};

/// A template error at its place, message in Go's shape.
struct ExecError : std::runtime_error {
  ExecError(std::string message, std::shared_ptr<const TemplateSource> source, Span span,
            bool unsupported = false)
      : std::runtime_error(std::move(message)), source(std::move(source)), span(span),
        unsupported(unsupported) {}
  std::shared_ptr<const TemplateSource> source;
  Span span;
  bool unsupported;         // a function wincompat does not have (WC911)
  std::string detail;       // the bare message ("msg" of required/fail)
  bool limit = false;       // a bound of limits.hpp stopped the template
  bool chart_limit = false; // ... one that holds for the whole chart render
  std::string function;     // the function whose call failed ("required", "fail"), if one did
  std::string values_key;   // `required`: the values key it was given ("image.tag"), when it names one
};

struct Call {
  Engine &engine;
  const std::string &name;
  const Value &dot;
  ChainPtr action; // the action's place, for origins of built values
};
using Function = std::function<Value(Call &, std::vector<Value> &)>;

/// Functions by name; each family file registers its own.
struct FunctionTable {
  std::unordered_map<std::string, Function> functions;
  void add(const std::string &name, Function fn) {
    functions[name] = std::move(fn);
  }
};
void register_builtin_functions(FunctionTable &table); // Go's own
void register_string_functions(FunctionTable &table);
void register_list_functions(FunctionTable &table);
void register_dict_functions(FunctionTable &table);
void register_math_functions(FunctionTable &table);
void register_encoding_functions(FunctionTable &table);
void register_helm_functions(FunctionTable &table);
void register_path_functions(FunctionTable &table); // and other small helpers
void register_crypto_functions(FunctionTable &table);
void register_date_functions(FunctionTable &table);
void register_sprig_extra_functions(FunctionTable &table);
void register_toml_functions(FunctionTable &table);
/// Every function the engine has (built once).
const FunctionTable &function_table();

/// Argument checks with Go's messages.
void want_args(const std::vector<Value> &args, size_t n, const std::string &name);
void want_at_least(const std::vector<Value> &args, size_t n, const std::string &name);
const std::string &want_string(const Value &v);
int64_t want_int(const Value &v);
/// Sprig's casts (spf13/cast): lenient.
int64_t cast_int64(const Value &v);
double cast_float64(const Value &v);
std::string cast_string(const Value &v);
/// Sprig's `empty`.
bool is_empty(const Value &v);
/// fmt's Sprintf/Sprint/Sprintln with origins kept for verbatim strings.
Text go_sprintf(const std::string &format, const std::vector<Value> &args);
Text go_sprint(const std::vector<Value> &args);
Text go_sprintln(const std::vector<Value> &args);

/// Where the rendering is stopped for safety (limits.hpp says why).
struct ExecLimits {
  size_t max_depth = kMaxTemplateDepth;
  uint64_t max_steps = kMaxSteps;
  size_t max_output = kMaxTemplateOutput;
  size_t max_chart_output = kMaxChartOutput;
  uint64_t max_built_bytes = kMaxBuiltBytes;
  double max_seconds = kMaxRenderSeconds;
};

/// A point in a file's output that an unsupported construct touched.
struct Taint {
  uint32_t offset;
  ExecError error;
};

/// Partial rendering: an action that failed, whose value is unknown (shown
/// as `<unknown-N>`, N its index in Engine::unknowns plus one).
struct UnknownCause {
  ExecError error;
  /// A control structure (`if`, `with`, `range`, `template`) failed: the
  /// text it would have written is unknown, not just one value.
  bool structural = false;
};

/// Holds the named templates of one chart render and executes them.
class Engine {
public:
  explicit Engine(ExecLimits limits = {})
      : limits_(limits), functions_(function_table()),
        deadline_(std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(limits.max_seconds))) {}

  /// Adds a file's trees; later definitions replace earlier ones (Go's Parse).
  void add(const std::vector<std::shared_ptr<Tree>> &trees);
  bool has(const std::string &name) const {
    return templates_.count(name) != 0;
  }

  /// Executes a file's template at the top level: unsupported functions are
  /// recorded as taints (with the output offset) and execution goes on.
  /// Throws ExecError for other errors.
  Text execute_file(const std::string &name, const Value &dot, std::vector<Taint> &taints);
  /// `include`/`template`: executes a named template into text.
  Text execute_named(const std::string &name, const Value &dot, const ChainPtr &via);
  /// `tpl`: parses and executes a string as a template.
  Text execute_string(const Text &text, const Value &dot, const std::string &parse_name);

  /// Partial rendering (lint): an action that fails yields an unknown value
  /// (recorded in `unknowns`) and execution goes on; limits still stop it.
  /// Off: the first error stops the template, as in Helm.
  bool partial = false;
  std::vector<UnknownCause> unknowns;

  /// Chart facts functions need.
  std::string today = "2024-01-01";
  uint64_t random_counter = 0; // uuidv4/randAlphaNum: deterministic sequence

private:
  friend class State;
  ExecLimits limits_;
  const FunctionTable &functions_;
  std::unordered_map<std::string, std::shared_ptr<Tree>> templates_;
  std::vector<std::shared_ptr<Tree>> owned_; // tpl trees kept alive
  size_t depth_ = 0;
  uint64_t steps_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  size_t rendered_ = 0; // output of the files executed so far
  uint64_t built_ = 0;  // bytes of the values functions built
  ChainJoiner joiner_;  // this render's joined origin chains
};

} // namespace wincompat::helm
