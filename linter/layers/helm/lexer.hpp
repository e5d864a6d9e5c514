// Go text/template's lexer: text, delimiters (with `{{-`/`-}}` trimming
// applied to the text beside them) and the words inside actions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wincompat::helm {

struct Token {
  enum class Kind {
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Pipe,
    LeftParen,
    RightParen,
    Comma,
    Declare, // :=
    Assign,  // =
    Field,   // .Name (one name per token; chains are adjacent tokens)
    Dot,
    Variable,
    String,
    RawString,
    Char,
    Number,
    Identifier,
    Keyword,
    Bool,
    Nil,
    Eof,
  };
  Kind kind;
  uint32_t pos;
  uint32_t end;
  std::string value; // Text: trimmed text; String: unquoted; others: as written
  uint32_t text_at = 0;
};

/// Lexes a whole template; throws ParseError on an unterminated action,
/// comment or string.
std::vector<Token> lex_template(const std::string &text, const std::string &name);

} // namespace wincompat::helm
