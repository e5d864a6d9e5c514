// BuildKit's shell-word expansion (frontend/dockerfile/shell/lex.go), with
// the origin of every output byte kept so diagnostics can point at the text
// that produced a value.
#include "wincompat/dockerfile.hpp"

#include "platform.hpp"

#include <cctype>

namespace wincompat {

Span Expansion::span(size_t begin, size_t end) const {
  if (origin.empty()) {
    return {};
  }
  begin = std::min(begin, origin.size() - 1);
  end = std::min(std::max(end, begin + 1), origin.size());
  Span out = origin[begin];
  for (size_t i = begin; i < end; ++i) {
    out.begin = std::min(out.begin, origin[i].begin);
    out.end = std::max(out.end, origin[i].end);
  }
  return out;
}

namespace {

/// Each nested `${V:-...}` is a recursive call: a hostile Dockerfile must not
/// run the stack out. BuildKit has no limit; real files nest two or three.
constexpr size_t kMaxNesting = 1024;

const char *const kBuilderArgs[] = {"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
                                    "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT"};

class Expander {
public:
  Expander(const MappedText &word, const ArgScope &scope, char escape)
      : in_(word), scope_(scope), escape_(escape) {}

  Expansion run() {
    process_until(0);
    return std::move(out_);
  }

private:
  bool at_end() const {
    return pos_ >= in_.text.size();
  }
  char peek() const {
    return at_end() ? '\0' : in_.text[pos_];
  }
  Span here(size_t begin, size_t end) const {
    return in_.span(begin, end);
  }

  void emit(char c, Span origin) {
    out_.value += c;
    out_.origin.push_back(origin);
  }
  void emit(const std::string &text, Span origin) {
    for (char c : text) {
      emit(c, origin);
    }
  }

  /// Processes up to `stop` (consumed) or the end when stop is 0.
  void process_until(char stop) {
    while (!at_end()) {
      const char c = peek();
      if (stop && c == stop) {
        ++pos_;
        return;
      }
      if (c == '\'') {
        single_quote();
      } else if (c == '"') {
        double_quote();
      } else if (c == '$') {
        dollar();
      } else {
        const size_t at = pos_++;
        if (c == escape_) {
          if (at_end()) {
            return;
          }
          emit(in_.text[pos_], here(pos_, pos_ + 1));
          ++pos_;
          continue;
        }
        emit(c, here(at, at + 1));
      }
    }
    if (stop) {
      fail(std::string("missing '") + stop + "'");
    }
  }

  void single_quote() {
    ++pos_;
    while (!at_end()) {
      if (peek() == '\'') {
        ++pos_;
        return;
      }
      emit(in_.text[pos_], here(pos_, pos_ + 1));
      ++pos_;
    }
    fail("unterminated single quote");
  }

  void double_quote() {
    ++pos_;
    while (!at_end()) {
      const char c = peek();
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '$') {
        dollar();
        continue;
      }
      const size_t at = pos_++;
      if (c == escape_ && !at_end()) {
        const char next = peek();
        if (next == '"' || next == '$' || next == escape_) {
          emit(next, here(pos_, pos_ + 1));
          ++pos_;
          continue;
        }
      }
      emit(c, here(at, at + 1));
    }
    fail("unterminated double quote");
  }

  std::string read_name() {
    std::string name;
    if (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
      while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
        name += in_.text[pos_++];
      }
      return name;
    }
    while (!at_end()) {
      const char c = peek();
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
        break;
      }
      name += c;
      ++pos_;
    }
    return name;
  }

  struct Lookup {
    std::string value;
    bool set = false;
    const ArgValue *arg = nullptr; // the declaration, when the name has one
  };

  Lookup lookup(const std::string &name) {
    out_.used.push_back(name);
    auto it = scope_.find(name);
    if (it == scope_.end()) {
      return {};
    }
    if (!it->second.value) {
      return {{}, false, &it->second};
    }
    return {*it->second.value, true, &it->second};
  }

  void mark_unresolved(const std::string &name, Span where, const std::string &via = {}) {
    for (const auto &n : out_.unresolved) {
      if (n == name) {
        return;
      }
    }
    out_.unresolved.push_back(name);
    out_.unresolved_spans.push_back(where);
    out_.unresolved_via.push_back(via);
  }

  void mark_optional(const std::string &name, Span where) {
    for (const auto &n : out_.unset_optional) {
      if (n == name) {
        return;
      }
    }
    out_.unset_optional.push_back(name);
    out_.unset_optional_spans.push_back(where);
  }

  /// The value of `name` goes into the word: the unset ARGs its default read
  /// come with it (`$BASE_IMAGE` is unresolved through OSVERSION).
  void use_value(const std::string &name, const Lookup &found, Span where) {
    if (!found.set || !found.arg) {
      return;
    }
    for (const std::string &input : found.arg->unset_inputs) {
      mark_unresolved(input, where, name);
    }
    for (const std::string &input : found.arg->unset_optional) {
      mark_optional(input, where);
    }
  }

  /// The text between here and the matching '}', expanded on its own. Its
  /// unresolved variables count only if the caller uses the word (`merge`).
  Expansion sub_word() {
    if (depth_ >= kMaxNesting) {
      fail("substitutions are nested more than " + std::to_string(kMaxNesting) + " levels deep");
      pos_ = in_.text.size();
      return {};
    }
    Expander inner(in_, scope_, escape_);
    inner.depth_ = depth_ + 1;
    inner.pos_ = pos_;
    // The inner word appends to the same list of variables read, so that
    // deep nesting stays linear (no copy of the list per level).
    inner.out_.used.swap(out_.used);
    inner.process_until('}');
    pos_ = inner.pos_;
    out_.used.swap(inner.out_.used);
    if (!inner.out_.error.empty()) {
      fail(inner.out_.error);
    }
    return std::move(inner.out_);
  }

  void merge(const Expansion &word) {
    for (size_t i = 0; i < word.unresolved.size(); ++i) {
      mark_unresolved(word.unresolved[i], word.unresolved_spans[i], word.unresolved_via[i]);
    }
    for (size_t i = 0; i < word.unset_optional.size(); ++i) {
      mark_optional(word.unset_optional[i], word.unset_optional_spans[i]);
    }
  }

  void dollar() {
    const size_t start = pos_++;
    if (peek() != '{') {
      const std::string name = read_name();
      if (name.empty()) {
        emit('$', here(start, start + 1));
        return;
      }
      Lookup found = lookup(name);
      if (!found.set) {
        mark_unresolved(name, here(start, pos_));
      }
      use_value(name, found, here(start, pos_));
      emit(found.value, here(start, pos_));
      return;
    }
    ++pos_;
    if (at_end() || peek() == '{' || peek() == '}' || peek() == ':') {
      fail("bad substitution");
      skip_to_brace();
      return;
    }
    const std::string name = read_name();
    const char op = at_end() ? '\0' : in_.text[pos_++];
    std::string result;
    const auto unresolved_here = [&] { mark_unresolved(name, here(start, pos_)); };
    if (op == '}') {
      Lookup found = lookup(name);
      if (!found.set) {
        unresolved_here();
      }
      use_value(name, found, here(start, pos_));
      result = found.value;
    } else if (op == ':' || op == '-' || op == '+' || op == '?') {
      const bool colon = op == ':';
      const char modifier = colon ? (at_end() ? '\0' : in_.text[pos_++]) : op;
      const Expansion word = sub_word();
      Lookup found = lookup(name);
      const bool use_default = colon ? found.value.empty() : !found.set;
      switch (modifier) {
      case '-':
        result = use_default ? word.value : found.value;
        if (use_default) {
          merge(word);
        } else {
          use_value(name, found, here(start, pos_));
        }
        break;
      case '+':
        result = use_default ? std::string() : word.value;
        if (!use_default) {
          merge(word);
        } else if (!found.set) {
          // BuildKit gives "" for an unset name: definite, yet only because
          // nobody passed it; reported if what it leaves is no reference.
          mark_optional(name, here(start, pos_));
        } else if (found.arg) {
          for (const std::string &input : found.arg->unset_inputs) {
            mark_optional(input, here(start, pos_));
          }
        }
        break;
      case '?':
        if (use_default) {
          unresolved_here();
        }
        use_value(name, found, here(start, pos_));
        result = found.value;
        break;
      default:
        fail(std::string("unsupported modifier '") + modifier + "' in substitution");
      }
    } else if (op == '#' || op == '%') {
      const bool greedy = peek() == op;
      if (greedy) {
        ++pos_;
      }
      const Expansion pattern_word = sub_word();
      merge(pattern_word);
      const std::string &pattern = pattern_word.value;
      Lookup found = lookup(name);
      if (!found.set) {
        unresolved_here();
      }
      use_value(name, found, here(start, pos_));
      result = trim_affix(found.value, pattern, op == '#', greedy);
    } else if (op == '/') {
      // ${V/pattern/replacement} (first match) and ${V//pattern/replacement} (all).
      const bool all = peek() == '/';
      if (all) {
        ++pos_;
      }
      const Expansion rest_word = sub_word();
      merge(rest_word);
      const std::string &rest = rest_word.value;
      const size_t slash = rest.find('/');
      const std::string pattern = rest.substr(0, slash);
      const std::string replacement = slash == std::string::npos ? "" : rest.substr(slash + 1);
      Lookup found = lookup(name);
      if (!found.set) {
        unresolved_here();
      }
      use_value(name, found, here(start, pos_));
      result = found.value;
      for (size_t at = 0; !pattern.empty() && (at = result.find(pattern, at)) != std::string::npos;) {
        result.replace(at, pattern.size(), replacement);
        at += replacement.size();
        if (!all) {
          break;
        }
      }
    } else {
      fail(op ? std::string("unsupported modifier '") + op + "' in substitution" : "missing '}'");
      skip_to_brace();
    }
    emit(result, here(start, pos_));
  }

  /// ${V#p} ${V##p} ${V%p} ${V%%p}: remove the shortest/longest prefix or
  /// suffix matching the glob `pattern`.
  static std::string trim_affix(const std::string &value, const std::string &pattern, bool prefix,
                                bool greedy) {
    const auto matches = [&](size_t begin, size_t end) {
      return platform::glob_match(pattern, value.substr(begin, end - begin));
    };
    const size_t n = value.size();
    for (size_t k = 0; k <= n; ++k) {
      const size_t length = greedy ? n - k : k; // candidate affix length, in search order
      if (prefix ? matches(0, length) : matches(n - length, n)) {
        return prefix ? value.substr(length) : value.substr(0, n - length);
      }
    }
    return value;
  }

  void skip_to_brace() {
    while (!at_end() && peek() != '}') {
      ++pos_;
    }
    if (!at_end()) {
      ++pos_;
    }
  }

  void fail(const std::string &message) {
    if (out_.error.empty()) {
      out_.error = message;
    }
  }

  const MappedText &in_;
  const ArgScope &scope_;
  char escape_;
  size_t pos_ = 0;
  size_t depth_ = 0; // nesting of ${...} words around this one
  Expansion out_;
};

} // namespace

bool is_builder_arg(std::string_view name) {
  for (const char *arg : kBuilderArgs) {
    if (name == arg) {
      return true;
    }
  }
  return false;
}

Expansion expand_word(const MappedText &word, const ArgScope &scope, char escape) {
  return Expander(word, scope, escape).run();
}

} // namespace wincompat
