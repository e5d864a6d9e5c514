// Go text/template's parser: tokens into a tree of nodes, `define` and
// `block` bodies into trees of their own.
#include "lexer.hpp"
#include "template.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace wincompat::helm {

std::string TemplateSource::location(uint32_t offset, bool with_column) const {
  uint32_t line = 1;
  uint32_t line_start = 0;
  for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::string out = name + ":" + std::to_string(line);
  if (with_column) {
    out.append(":").append(std::to_string(offset - line_start));
  }
  return out;
}

Origin TemplateSource::place(Span span, OriginRole role) const {
  return Origin{FileId(path), span, role, Interned(without_chart(name))};
}

std::string without_chart(const std::string &name) {
  const size_t slash = name.find('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

namespace {

/// Go's strconv.underscoreOK: `_` only between digits (or after a base
/// prefix), never at an end.
bool go_number_underscores_ok(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    s.remove_prefix(1);
  }
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0') {
    const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    if (b == 'b' || b == 'o' || b == 'x') {
      i = 2;
      saw = '0';
      hex = b == 'x';
    }
  }
  for (; i < s.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    if ((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') {
        return false;
      }
      saw = '_';
      continue;
    }
    if (saw == '_') {
      return false;
    }
    saw = '!';
  }
  return saw != '_';
}

/// Go's strconv.ParseUint(s, 0, 64).
std::optional<uint64_t> go_number_parse_uint(std::string_view s) {
  const std::string_view whole = s;
  if (s.empty()) {
    return std::nullopt;
  }
  int base = 10;
  if (s[0] == '0') {
    const char b = s.size() >= 3 ? static_cast<char>(std::tolower(static_cast<unsigned char>(s[1]))) : 0;
    if (b == 'b' || b == 'o' || b == 'x') {
      base = b == 'b' ? 2 : b == 'o' ? 8 : 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  uint64_t n = 0;
  bool underscores = false;
  for (char c : s) {
    int d = 0;
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '_') {
      underscores = true;
      continue;
    } else if (l >= '0' && l <= '9') {
      d = l - '0';
    } else if (l >= 'a' && l <= 'z') {
      d = l - 'a' + 10;
    } else {
      return std::nullopt;
    }
    if (d >= base) {
      return std::nullopt;
    }
    if (n > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) {
      return std::nullopt; // out of range
    }
    n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  if (underscores && !go_number_underscores_ok(whole)) {
    return std::nullopt;
  }
  return n;
}

/// Go's strconv.ParseInt(s, 0, 64).
std::optional<int64_t> go_number_parse_int(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const std::optional<uint64_t> u = go_number_parse_uint(s);
  const uint64_t cutoff = uint64_t{1} << 63;
  if (!u || (!negative && *u >= cutoff) || (negative && *u > cutoff)) {
    return std::nullopt;
  }
  return negative ? static_cast<int64_t>(0 - *u) : static_cast<int64_t>(*u);
}

/// Go's strconv.ParseFloat(s, 64) for the texts the lexer lets through:
/// decimal with an optional exponent, or hex with a binary exponent;
/// out of range is an error, as in Go.
std::optional<double> go_number_parse_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  bool hex = false;
  if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    hex = true;
    i += 2;
  }
  bool digits = false;
  bool dot = false;
  bool underscores = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      underscores = true;
    } else if (c == '.') {
      if (dot) {
        return std::nullopt;
      }
      dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (hex && std::isxdigit(static_cast<unsigned char>(c)))) {
      digits = true;
    } else {
      break;
    }
  }
  if (!digits) {
    return std::nullopt;
  }
  if (i < s.size() && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    bool exponent_digits = false;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'); ++i) {
      underscores = underscores || s[i] == '_';
      exponent_digits = exponent_digits || s[i] != '_';
    }
    if (!exponent_digits) {
      return std::nullopt;
    }
  } else if (hex) {
    return std::nullopt; // a hex mantissa needs a 'p' exponent
  }
  if (i != s.size() || (underscores && !go_number_underscores_ok(s))) {
    return std::nullopt;
  }
  std::string plain;
  for (char c : s) {
    if (c != '_') {
      plain += c;
    }
  }
  const double f = std::strtod(plain.c_str(), nullptr); // correctly rounded, as Go's
  if (std::isinf(f)) {
    return std::nullopt; // Go: ErrRange
  }
  return f;
}

} // namespace

GoNumber go_parse_number(const std::string &text) {
  GoNumber n;
  const std::optional<uint64_t> u = go_number_parse_uint(text);
  const std::optional<int64_t> i = go_number_parse_int(text);
  n.is_uint = u.has_value();
  if (i) {
    n.is_int = true;
    n.i = *i;
    n.is_uint = n.is_uint || *i == 0; // -0
  }
  if (n.is_int) {
    n.is_float = true;
    n.f = static_cast<double>(n.i);
  } else if (n.is_uint) {
    n.is_float = true;
    n.f = static_cast<double>(*u);
  } else if (const std::optional<double> f = go_number_parse_float(text)) {
    if (text.find_first_of(".eEpP") == std::string::npos) {
      n.error = "integer overflow: \"" + text + "\"";
      return n;
    }
    n.is_float = true;
    n.f = *f;
    if (*f >= -9223372036854775808.0 && *f < 9223372036854775808.0 &&
        static_cast<double>(static_cast<int64_t>(*f)) == *f) {
      n.is_int = true;
      n.i = static_cast<int64_t>(*f);
    }
  }
  if (!n.is_int && !n.is_uint && !n.is_float) {
    n.error = "illegal number syntax: \"" + text + "\"";
  }
  return n;
}

namespace {

class Parser {
public:
  Parser(std::shared_ptr<const TemplateSource> source)
      : source_(std::move(source)), tokens_(lex_template(source_->text, source_->name)) {}

  std::vector<std::shared_ptr<Tree>> run() {
    auto main = std::make_shared<Tree>();
    main->source = source_;
    main->name = source_->name;
    trees_.push_back(main);
    std::string stop = item_list(main->root, true);
    if (!stop.empty()) {
      throw error("unexpected {{" + stop + "}}", last_pos_);
    }
    return std::move(trees_);
  }

private:
  ParseError error(const std::string &what, uint32_t offset) const {
    return ParseError("template: " + source_->location(offset, false) + ": " + what, offset);
  }

  const Token &peek() const {
    return tokens_[at_];
  }
  const Token &next() {
    const Token &t = tokens_[at_];
    if (at_ + 1 < tokens_.size()) {
      ++at_;
    }
    return t;
  }
  /// The next token that is not a space.
  const Token &peek_non_space() {
    while (peek().kind == Token::Kind::Space) {
      next();
    }
    return peek();
  }
  const Token &next_non_space() {
    peek_non_space();
    return next();
  }
  void expect_right_delim(const char *context) {
    const Token &t = next_non_space();
    if (t.kind != Token::Kind::RightDelim) {
      throw error("unexpected \"" + source_->text.substr(t.pos, t.end - t.pos) + "\" in " + context, t.pos);
    }
  }

  /// Parses nodes into `list` until `{{end}}`/`{{else` (returned, with the
  /// else's delimiter still open) or the end of input ("" at top level).
  std::string item_list(NodeList &list, bool top_level) {
    while (true) {
      const Token &t = next();
      if (t.kind == Token::Kind::Eof) {
        if (!top_level) {
          throw error("unexpected EOF", t.pos);
        }
        return "";
      }
      if (t.kind == Token::Kind::Text) {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Text;
        node->pos = t.pos;
        node->end = t.end;
        node->text = t.value;
        node->text_at = t.text_at;
        list.push_back(std::move(node));
        continue;
      }
      // A left delimiter.
      const uint32_t action_pos = t.pos;
      last_pos_ = action_pos;
      const Token &word = peek_non_space();
      if (word.kind == Token::Kind::Keyword) {
        const std::string keyword = word.value;
        if (keyword == "end" || keyword == "else") {
          next();
          if (top_level && define_depth_ == 0) {
            throw error("unexpected {{" + keyword + "}}", action_pos);
          }
          if (keyword == "end") {
            expect_right_delim("end");
          }
          return keyword;
        }
        next();
        list.push_back(control(keyword, action_pos));
        continue;
      }
      auto node = std::make_unique<Node>();
      node->kind = Node::Kind::Action;
      node->pos = action_pos;
      node->pipe = pipeline("command", true);
      node->end = tokens_[at_ - 1].end;
      list.push_back(std::move(node));
    }
  }

  /// Bounds recursion on hostile input (thousands of nested ifs or parens).
  struct Nesting {
    Parser &parser;
    Nesting(Parser &p, uint32_t pos) : parser(p) {
      if (++parser.nesting_ > kMaxNesting) {
        throw parser.error("template nested more than " + std::to_string(kMaxNesting) + " levels deep", pos);
      }
    }
    ~Nesting() {
      --parser.nesting_;
    }
  };
  static constexpr int kMaxNesting = 200;

  std::unique_ptr<Node> control(const std::string &keyword, uint32_t action_pos) {
    Nesting nesting(*this, action_pos);
    auto node = std::make_unique<Node>();
    node->pos = action_pos;
    if (keyword == "if" || keyword == "with" || keyword == "range") {
      node->kind = keyword == "if"     ? Node::Kind::If
                   : keyword == "with" ? Node::Kind::With
                                       : Node::Kind::Range;
      node->pipe = pipeline(keyword.c_str(), true);
      if (keyword == "range") {
        ++range_depth_;
      }
      std::string stop = item_list(node->list, false);
      if (keyword == "range") {
        --range_depth_;
      }
      if (stop == "else") {
        const Token &after = peek_non_space();
        if (keyword != "range" && after.kind == Token::Kind::Keyword && after.value == keyword) {
          // `{{else if ...}}`: a nested control that consumes the final {{end}}.
          const uint32_t pos = after.pos;
          next();
          node->else_list.push_back(control(keyword, pos));
        } else {
          expect_right_delim("else");
          if (item_list(node->else_list, false) != "end") {
            throw error("expected end; found {{else}}", last_pos_);
          }
        }
      }
      node->end = tokens_[at_ - 1].end;
      return node;
    }
    if (keyword == "break" || keyword == "continue") {
      if (range_depth_ == 0) {
        throw error("{{" + keyword + "}} outside {{range}}", action_pos);
      }
      node->kind = keyword == "break" ? Node::Kind::Break : Node::Kind::Continue;
      expect_right_delim(keyword.c_str());
      node->end = tokens_[at_ - 1].end;
      return node;
    }
    if (keyword == "template" || keyword == "block" || keyword == "define") {
      const Token &name = next_non_space();
      if (name.kind != Token::Kind::String && name.kind != Token::Kind::RawString) {
        throw error("unexpected \"" + source_->text.substr(name.pos, name.end - name.pos) + "\" in " +
                        keyword + " clause",
                    name.pos);
      }
      const std::string template_name = name.value;
      if (keyword == "define") {
        if (define_depth_ > 0 || range_depth_ > 0) {
          // Go allows define only at the top level.
        }
        expect_right_delim("define clause");
        ++define_depth_;
        auto tree = std::make_shared<Tree>();
        tree->source = source_;
        tree->name = template_name;
        if (item_list(tree->root, false) != "end") {
          throw error("unexpected {{else}} in define clause", last_pos_);
        }
        --define_depth_;
        trees_.push_back(tree);
        return nullptr_node(action_pos);
      }
      node->kind = Node::Kind::Template;
      node->template_name = template_name;
      if (peek_non_space().kind != Token::Kind::RightDelim) {
        node->pipe = pipeline(keyword.c_str(), true);
      } else {
        next();
      }
      node->end = tokens_[at_ - 1].end;
      if (keyword == "block") {
        auto tree = std::make_shared<Tree>();
        tree->source = source_;
        tree->name = template_name;
        ++define_depth_;
        if (item_list(tree->root, false) != "end") {
          throw error("unexpected {{else}} in block clause", last_pos_);
        }
        --define_depth_;
        trees_.push_back(tree);
      }
      return node;
    }
    throw error("unexpected keyword " + keyword, action_pos);
  }

  /// A `define` leaves nothing in the file's own tree: an empty text node.
  static std::unique_ptr<Node> nullptr_node(uint32_t pos) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Text;
    node->pos = pos;
    node->end = pos;
    return node;
  }

  /// A pipeline up to the right delimiter (`in_action`) or a right paren.
  std::shared_ptr<Pipe> pipeline(const char *context, bool in_action) {
    Nesting nesting(*this, peek().pos);
    auto pipe = std::make_shared<Pipe>();
    pipe->pos = peek_non_space().pos;
    // Declarations: `$x :=`, `$x =`, `$i, $e :=`.
    const size_t save = at_;
    if (peek().kind == Token::Kind::Variable) {
      std::vector<std::string> names{next().value};
      bool ok = false;
      while (true) {
        const Token &t = peek_non_space();
        if (t.kind == Token::Kind::Declare || t.kind == Token::Kind::Assign) {
          pipe->is_assign = t.kind == Token::Kind::Assign;
          next();
          ok = true;
          break;
        }
        if (t.kind == Token::Kind::Comma && names.size() < 2) {
          next();
          const Token &v = next_non_space();
          if (v.kind != Token::Kind::Variable) {
            throw error(std::string("range can only initialize variables"), v.pos);
          }
          names.push_back(v.value);
          continue;
        }
        break;
      }
      if (ok) {
        pipe->decl = std::move(names);
      } else {
        at_ = save;
      }
    }
    while (true) {
      const Token &t = peek_non_space();
      if (t.kind == Token::Kind::RightDelim) {
        if (!in_action) {
          throw error("unclosed left paren", t.pos);
        }
        next();
        break;
      }
      if (t.kind == Token::Kind::RightParen) {
        if (in_action) {
          throw error("unexpected right paren", t.pos);
        }
        next();
        break;
      }
      if (t.kind == Token::Kind::Eof) {
        throw error("unclosed action", t.pos);
      }
      if (t.kind == Token::Kind::Pipe) {
        throw error(std::string("unexpected \"|\" in ") + context, t.pos);
      }
      pipe->cmds.push_back(command(context));
      const Token &after = peek_non_space();
      if (after.kind == Token::Kind::Pipe) {
        // A `|` right before `}}` or `)` ends the pipeline: Go's parser
        // accepts `{{ .a | upper | }}`.
        next();
      }
    }
    if (pipe->cmds.empty()) {
      throw error(std::string("missing value for ") + context, pipe->pos);
    }
    pipe->end = tokens_[at_ - 1].end;
    return pipe;
  }

  Command command(const char *context) {
    Command cmd;
    cmd.pos = peek_non_space().pos;
    while (true) {
      const Token &t = peek_non_space();
      if (t.kind == Token::Kind::Pipe || t.kind == Token::Kind::RightDelim ||
          t.kind == Token::Kind::RightParen || t.kind == Token::Kind::Eof) {
        break;
      }
      cmd.args.push_back(operand(context));
    }
    if (cmd.args.empty()) {
      throw error("empty command", cmd.pos);
    }
    cmd.end = cmd.args.back().end;
    return cmd;
  }

  Arg operand(const char *context) {
    const Token &t = next();
    Arg arg;
    arg.pos = t.pos;
    arg.end = t.end;
    switch (t.kind) {
    case Token::Kind::Identifier:
    case Token::Kind::Variable:
      arg.kind = t.kind == Token::Kind::Identifier ? Arg::Kind::Function : Arg::Kind::Variable;
      arg.name = t.value;
      // Names charts use that Helm's function map does not have: Go's parser
      // rejects the file, as Helm does (other unknown names are the
      // executor's, reported as unsupported).
      if (arg.kind == Arg::Kind::Function &&
          (arg.name == "toJSON" || arg.name == "mustDig" || arg.name == "mustFromYaml" ||
           arg.name == "randSeededNumeric")) {
        throw error("function \"" + arg.name + "\" not defined", t.pos);
      }
      break;
    case Token::Kind::Dot:
    case Token::Kind::Nil:
      arg.kind = t.kind == Token::Kind::Dot ? Arg::Kind::Dot : Arg::Kind::Nil;
      break;
    case Token::Kind::Bool:
      arg.kind = Arg::Kind::Bool;
      arg.b = t.value == "true";
      break;
    case Token::Kind::Field:
      arg.kind = Arg::Kind::Field;
      arg.fields.push_back(t.value);
      break;
    case Token::Kind::String:
    case Token::Kind::RawString:
      arg.kind = Arg::Kind::String;
      arg.s = t.value;
      break;
    case Token::Kind::Char:
      arg.kind = Arg::Kind::Number;
      arg.is_int = true;
      arg.i = std::stoll(t.value);
      arg.f = static_cast<double>(arg.i);
      break;
    case Token::Kind::Number:
      number(t, arg);
      break;
    case Token::Kind::LeftParen:
      arg.kind = Arg::Kind::Pipe;
      arg.pipe = pipeline(context, false);
      arg.end = tokens_[at_ - 1].end;
      break;
    default:
      throw error("unexpected \"" + source_->text.substr(t.pos, t.end - t.pos) + "\" in operand", t.pos);
    }
    // A field chain right after the term: `$x.a.b`, `(pipe).a`.
    while (peek().kind == Token::Kind::Field) {
      if (arg.kind == Arg::Kind::Bool || arg.kind == Arg::Kind::String || arg.kind == Arg::Kind::Number ||
          arg.kind == Arg::Kind::Nil || arg.kind == Arg::Kind::Function) {
        throw error("unexpected . after term \"" + source_->text.substr(arg.pos, arg.end - arg.pos) + "\"",
                    peek().pos);
      }
      const Token &f = next();
      arg.fields.push_back(f.value);
      arg.end = f.end;
      if (arg.kind == Arg::Kind::Dot) {
        arg.kind = Arg::Kind::Field;
      }
    }
    return arg;
  }

  /// Go's parse.newNumber and the constant's type at execution
  /// (exec.idealConstant): an int, a float64, or an unsigned value that
  /// overflows int (an error when executed).
  void number(const Token &t, Arg &arg) {
    arg.kind = Arg::Kind::Number;
    const std::string &text = t.value;
    if (!text.empty() && text.back() == 'i') {
      throw error("complex constant " + text + " is not supported", t.pos);
    }
    GoNumber n = go_parse_number(text);
    if (!n.error.empty()) {
      throw error(n.error, t.pos);
    }
    const bool hex_int = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                         text.find_first_of("pP") == std::string::npos;
    if (n.is_float && !hex_int && text.find_first_of(".eEpP") != std::string::npos) {
      arg.is_int = false;
      arg.f = n.f;
    } else if (n.is_int) {
      arg.is_int = true;
      arg.i = n.i;
      arg.f = static_cast<double>(n.i);
    } else {
      arg.is_int = true;
      arg.overflows_int = true;
    }
  }

  std::shared_ptr<const TemplateSource> source_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
  uint32_t last_pos_ = 0;
  int range_depth_ = 0;
  int define_depth_ = 0;
  int nesting_ = 0;
  std::vector<std::shared_ptr<Tree>> trees_;
};

} // namespace

std::vector<std::shared_ptr<Tree>> parse_template(std::shared_ptr<const TemplateSource> source) {
  return Parser(std::move(source)).run();
}

} // namespace wincompat::helm
