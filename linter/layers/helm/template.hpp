// Go text/template: the parse tree, the parser and the executor.
#pragma once

#include "value.hpp"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace wincompat::helm {

/// The text a template was parsed from and where it lives, for positions.
struct TemplateSource {
  std::string name;    // parse name, "chart/templates/deployment.yaml"
  std::string path;    // real file as displayed; empty for `tpl` strings
  std::string text;    // template text
  ChainPtr text_chain; // `tpl` strings: where the string came from
  /// "NAME:LINE:COL" as Go's ErrorContext prints it (column 0-based).
  std::string location(uint32_t offset, bool with_column = true) const;
  /// A place in this template that did `role` (named after the template).
  Origin place(Span span, OriginRole role) const;
};

/// A template's name without its chart: "chart/templates/x.yaml" is
/// "templates/x.yaml", as the roles of its places name it.
std::string without_chart(const std::string &name);

struct Pipe;

/// A number literal as Go's template parser reads it (parse.newNumber):
/// which of int64, uint64 and float64 hold it exactly, or the parse error.
struct GoNumber {
  bool is_int = false;
  bool is_uint = false;
  bool is_float = false;
  int64_t i = 0;
  double f = 0;
  std::string error;
};
GoNumber go_parse_number(const std::string &text);

struct Arg {
  enum class Kind { Field, Variable, Dot, Nil, Bool, Number, String, Function, Pipe };
  Kind kind = Kind::Nil;
  uint32_t pos = 0;
  uint32_t end = 0;
  std::string name;                // variable ("$x") or function name
  std::vector<std::string> fields; // field chain after the operand
  bool b = false;
  bool is_int = false;
  bool overflows_int = false; // a number constant only uint64 holds: an error when executed, as in Go
  int64_t i = 0;
  double f = 0;
  std::string s;              // string constant
  std::shared_ptr<Pipe> pipe; // parenthesized
};

struct Command {
  uint32_t pos = 0;
  uint32_t end = 0;
  std::vector<Arg> args;
};

struct Pipe {
  uint32_t pos = 0;
  uint32_t end = 0;
  std::vector<std::string> decl; // variables declared or assigned
  bool is_assign = false;        // `=` rather than `:=`
  std::vector<Command> cmds;
};

struct Node;
using NodeList = std::vector<std::unique_ptr<Node>>;

struct Node {
  enum class Kind { Text, Action, If, With, Range, Template, Break, Continue };
  Kind kind = Kind::Text;
  uint32_t pos = 0; // start of the action (`{{`) or text
  uint32_t end = 0;
  std::string text;     // Text: after trimming
  uint32_t text_at = 0; // Text: offset of `text` in the source
  std::shared_ptr<Pipe> pipe;
  NodeList list;
  NodeList else_list;
  std::string template_name; // Template
  /// The node's place, made once: a node in a range or a helper runs many times.
  mutable ChainPtr place_cache;
};

struct Tree {
  std::shared_ptr<const TemplateSource> source;
  std::string name; // the template's name ("define" name or the file's)
  NodeList root;
};

/// A parse error with Go's message shape: "template: NAME:LINE: what".
struct ParseError : std::runtime_error {
  ParseError(std::string message, uint32_t offset) : std::runtime_error(std::move(message)), offset(offset) {}
  uint32_t offset;
};

/// Parses a template file; `define`/`block` bodies become extra trees. The
/// first tree is the file's own. Throws ParseError.
std::vector<std::shared_ptr<Tree>> parse_template(std::shared_ptr<const TemplateSource> source);

} // namespace wincompat::helm
