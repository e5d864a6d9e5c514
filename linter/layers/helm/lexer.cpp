#include "lexer.hpp"

#include "template.hpp"
#include "text_util.hpp"

#include <cctype>
#include <string_view>
#include <utility>

namespace wincompat::helm {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

class Lexer {
public:
  Lexer(const std::string &text, const std::string &name) : text_(text), name_(name) {}

  std::vector<Token> run() {
    size_t at = 0;
    bool trim_next = false;
    while (at <= text_.size()) {
      size_t open = text_.find("{{", at);
      const size_t text_end = open == std::string::npos ? text_.size() : open;
      const bool trim_left = open != std::string::npos && open + 3 < text_.size() && text_[open + 2] == '-' &&
                             is_space(text_[open + 3]);
      emit_text(at, text_end, trim_next, trim_left);
      if (open == std::string::npos) {
        break;
      }
      size_t inside = open + 2 + (trim_left ? 2 : 0);
      // A comment: `{{/* ... */}}`, trim markers allowed around it.
      if (text_.compare(inside, 2, "/*") == 0) {
        const size_t close = text_.find("*/", inside + 2);
        if (close == std::string::npos) {
          throw error("unclosed comment", open);
        }
        size_t after = close + 2;
        bool trim_right = false;
        if (text_.compare(after, 4, " -}}") == 0) {
          trim_right = true;
          after += 4;
        } else if (text_.compare(after, 2, "}}") == 0) {
          after += 2;
        } else {
          throw error("comment ends before closing delimiter", open);
        }
        trim_next = trim_right;
        at = after;
        continue;
      }
      tokens_.push_back(
          {Token::Kind::LeftDelim, static_cast<uint32_t>(open), static_cast<uint32_t>(inside), {}});
      at = lex_inside(inside, open, trim_next);
    }
    tokens_.push_back(
        {Token::Kind::Eof, static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(text_.size()), {}});
    return std::move(tokens_);
  }

private:
  ParseError error(const std::string &what, size_t offset) const {
    uint32_t line = 1;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      line += text_[i] == '\n';
    }
    return ParseError("template: " + name_ + ":" + std::to_string(line) + ": " + what,
                      static_cast<uint32_t>(offset));
  }

  void emit_text(size_t begin, size_t end, bool trim_leading, bool trim_trailing) {
    if (trim_leading) {
      while (begin < end && is_space(text_[begin])) {
        ++begin;
      }
    }
    if (trim_trailing) {
      while (end > begin && is_space(text_[end - 1])) {
        --end;
      }
    }
    if (end > begin) {
      Token t{Token::Kind::Text, static_cast<uint32_t>(begin), static_cast<uint32_t>(end),
              text_.substr(begin, end - begin)};
      t.text_at = static_cast<uint32_t>(begin);
      tokens_.push_back(std::move(t));
    }
  }

  void push(Token::Kind kind, size_t begin, size_t end, std::string value) {
    tokens_.push_back({kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), std::move(value)});
  }

  /// Lexes inside an action up to its right delimiter; returns the offset
  /// after it. Sets `trim_next` when it was `-}}`.
  size_t lex_inside(size_t at, size_t open, bool &trim_next) {
    int parens = 0;
    while (true) {
      if (at >= text_.size()) {
        throw error("unclosed action", open);
      }
      const char c = text_[at];
      if (is_space(c)) {
        size_t end = at;
        while (end < text_.size() && is_space(text_[end])) {
          ++end;
        }
        if (text_.compare(end, 3, "-}}") == 0) {
          push(Token::Kind::RightDelim, at, end + 3, {});
          trim_next = true;
          return end + 3;
        }
        push(Token::Kind::Space, at, end, {});
        at = end;
        continue;
      }
      if (text_.compare(at, 2, "}}") == 0) {
        push(Token::Kind::RightDelim, at, at + 2, {});
        trim_next = false;
        return at + 2;
      }
      if (c == '|') {
        push(Token::Kind::Pipe, at, at + 1, "|");
        ++at;
      } else if (c == '(') {
        ++parens;
        push(Token::Kind::LeftParen, at, at + 1, "(");
        ++at;
      } else if (c == ')') {
        if (--parens < 0) {
          throw error("unexpected right paren", at);
        }
        push(Token::Kind::RightParen, at, at + 1, ")");
        ++at;
      } else if (c == ',') {
        push(Token::Kind::Comma, at, at + 1, ",");
        ++at;
      } else if (c == ':' && at + 1 < text_.size() && text_[at + 1] == '=') {
        push(Token::Kind::Declare, at, at + 2, ":=");
        at += 2;
      } else if (c == '=') {
        push(Token::Kind::Assign, at, at + 1, "=");
        ++at;
      } else if (c == '"') {
        at = lex_quote(at);
      } else if (c == '`') {
        const size_t close = text_.find('`', at + 1);
        if (close == std::string::npos) {
          throw error("unterminated raw quoted string", at);
        }
        push(Token::Kind::RawString, at, close + 1, text_.substr(at + 1, close - at - 1));
        at = close + 1;
      } else if (c == '\'') {
        at = lex_char(at);
      } else if (c == '$') {
        size_t end = at + 1;
        while (end < text_.size() && is_alnum(text_[end])) {
          ++end;
        }
        push(Token::Kind::Variable, at, end, text_.substr(at, end - at));
        at = end;
      } else if (c == '.') {
        if (at + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at + 1]))) {
          at = lex_number(at);
          continue;
        }
        size_t end = at + 1;
        while (end < text_.size() && is_alnum(text_[end])) {
          ++end;
        }
        if (end == at + 1) {
          push(Token::Kind::Dot, at, end, ".");
        } else {
          push(Token::Kind::Field, at, end, text_.substr(at + 1, end - at - 1));
        }
        at = end;
      } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') {
        at = lex_number(at);
      } else if (is_alnum(c)) {
        size_t end = at;
        while (end < text_.size() && is_alnum(text_[end])) {
          ++end;
        }
        std::string word = text_.substr(at, end - at);
        Token::Kind kind = Token::Kind::Identifier;
        static const char *const kKeywords[] = {"if",     "else",     "end",   "range", "with",
                                                "define", "template", "block", "break", "continue"};
        for (const char *k : kKeywords) {
          if (word == k) {
            kind = Token::Kind::Keyword;
          }
        }
        if (word == "true" || word == "false") {
          kind = Token::Kind::Bool;
        } else if (word == "nil") {
          kind = Token::Kind::Nil;
        }
        push(kind, at, end, std::move(word));
        at = end;
      } else {
        throw error(std::string("unexpected \"") + c + "\" in command", at);
      }
    }
  }

  /// Go's lexer.scanNumber from `at`: the end of the number's text, and
  /// whether it is well formed (no letter or digit right after it).
  std::pair<size_t, bool> scan_number(size_t at) const {
    auto accept = [&](size_t &i, std::string_view valid) {
      if (i < text_.size() && valid.find(text_[i]) != std::string_view::npos) {
        ++i;
        return true;
      }
      return false;
    };
    auto accept_run = [&](size_t &i, std::string_view valid) {
      while (accept(i, valid)) {
      }
    };
    size_t i = at;
    accept(i, "+-");
    std::string_view digits = "0123456789_";
    if (accept(i, "0")) {
      // A leading 0 alone does not make a float octal.
      if (accept(i, "xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept(i, "oO")) {
        digits = "01234567_";
      } else if (accept(i, "bB")) {
        digits = "01_";
      }
    }
    accept_run(i, digits);
    if (accept(i, ".")) {
      accept_run(i, digits);
    }
    if (digits.size() == 11 && accept(i, "eE")) {
      accept(i, "+-");
      accept_run(i, "0123456789_");
    }
    if (digits.size() == 23 && accept(i, "pP")) {
      accept(i, "+-");
      accept_run(i, "0123456789_");
    }
    accept(i, "i"); // imaginary
    if (i < text_.size() && is_alnum(text_[i])) {
      return {i + 1, false};
    }
    return {i, true};
  }

  /// Go's lexNumber: a number, or a complex constant such as `1+2i`.
  size_t lex_number(size_t at) {
    auto [end, ok] = scan_number(at);
    if (ok && end < text_.size() && (text_[end] == '+' || text_[end] == '-')) {
      auto [complex_end, complex_ok] = scan_number(end);
      end = complex_end;
      ok = complex_ok && text_[end - 1] == 'i';
    }
    if (!ok) {
      throw error("bad number syntax: \"" + text_.substr(at, end - at) + "\"", at);
    }
    push(Token::Kind::Number, at, end, text_.substr(at, end - at));
    return end;
  }

  /// One escape after a backslash at `at`; returns the offset after it.
  size_t unescape(size_t at, std::string &out, size_t start) {
    const char e = text_[at];
    auto hex = [&](size_t from, size_t n) {
      if (from + n > text_.size()) {
        throw error("bad escape in string", start);
      }
      return static_cast<uint32_t>(std::stoul(text_.substr(from, n), nullptr, 16));
    };
    // Go's one-letter escapes and the bytes they stand for.
    static constexpr std::string_view kLetters = "ntrabfv";
    static constexpr std::string_view kBytes = "\n\t\r\a\b\f\v";
    if (const size_t letter = kLetters.find(e); letter != std::string_view::npos) {
      out += kBytes[letter];
      return at + 1;
    }
    switch (e) {
    case '\\':
    case '"':
    case '\'':
      out += e;
      return at + 1;
    case 'x':
      out += static_cast<char>(hex(at + 1, 2));
      return at + 3;
    case 'u':
      append_utf8(out, hex(at + 1, 4));
      return at + 5;
    case 'U':
      append_utf8(out, hex(at + 1, 8));
      return at + 9;
    default:
      if (e >= '0' && e <= '7' && at + 3 <= text_.size()) {
        out += static_cast<char>(std::stoul(text_.substr(at, 3), nullptr, 8));
        return at + 3;
      }
      throw error("invalid syntax", start);
    }
  }

  size_t lex_quote(size_t at) {
    std::string value;
    size_t i = at + 1;
    while (true) {
      if (i >= text_.size() || text_[i] == '\n') {
        throw error("unterminated quoted string", at);
      }
      if (text_[i] == '"') {
        break;
      }
      if (text_[i] == '\\') {
        i = unescape(i + 1, value, at);
        continue;
      }
      value += text_[i++];
    }
    push(Token::Kind::String, at, i + 1, std::move(value));
    return i + 1;
  }

  size_t lex_char(size_t at) {
    std::string value;
    size_t i = at + 1;
    if (i < text_.size() && text_[i] == '\\') {
      i = unescape(i + 1, value, at);
    } else {
      while (i < text_.size() && text_[i] != '\'') {
        value += text_[i++];
      }
    }
    if (i >= text_.size() || text_[i] != '\'') {
      throw error("unterminated character constant", at);
    }
    // The code point of the character.
    uint32_t cp = 0;
    const auto *u = reinterpret_cast<const unsigned char *>(value.data());
    if (!value.empty()) {
      if (u[0] < 0x80) {
        cp = u[0];
      } else if ((u[0] & 0xE0) == 0xC0 && value.size() >= 2) {
        cp = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
      } else if ((u[0] & 0xF0) == 0xE0 && value.size() >= 3) {
        cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      } else if (value.size() >= 4) {
        cp = ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
      }
    }
    push(Token::Kind::Char, at, i + 1, std::to_string(cp));
    return i + 1;
  }

  const std::string &text_;
  const std::string &name_;
  std::vector<Token> tokens_;
};

} // namespace

std::vector<Token> lex_template(const std::string &text, const std::string &name) {
  return Lexer(text, name).run();
}

} // namespace wincompat::helm
