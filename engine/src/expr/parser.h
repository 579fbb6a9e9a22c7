// Recursive-descent parser for the condition language, one function per production.
//
// Grammar (EBNF; keywords are case-sensitive English words; ≥ ≤ ≠ and full-width brackets,
// commas and 、 are accepted as their ASCII twins):
//
//   condition  := or_expr END
//   or_expr    := and_expr { "or" and_expr }
//   and_expr   := not_expr { "and" not_expr }
//   not_expr   := "not" not_expr | predicate
//   predicate  := additive [ cmp_op additive
//                          | [ "not" ] "in" ( list | IDENT )
//                          | "is" [ "not" ] "null"
//                          | ( "contains" | "contains_any" | "contains_all" ) ( additive | list )
//                          | "matches" STRING ]
//   cmp_op     := ">=" | ">" | "<=" | "<" | "==" | "=" | "!=" | "<>" | "≥" | "≤" | "≠"
//   additive   := term { ( "+" | "-" ) term }
//   term       := unary { ( "*" | "×" | "/" | "÷" ) unary }
//   unary      := "-" unary | primary
//   primary    := NUMBER | STRING | DATE | "true" | "false" | "null" | COLUMN
//               | IDENT [ "(" [ or_expr { "," or_expr } ] ")" ]
//               | "(" or_expr ")" | list
//   list       := "[" [ or_expr { "," or_expr } ] "]"
//
//   NUMBER     := digits [ "." digits ] [ "万" | "亿" ]… [ "%" | UNIT ]   e.g. 5万元, 500公斤, 10%
//   DATE       := YYYY-MM-DD
//   STRING     := '…' | "…" | “…” | ‘…’ | 「…」
//   COLUMN     := `an input column header`
//   IDENT      := letters, digits, _ and Chinese characters, not starting with a digit
//
// Nesting deeper than kMaxDepth is an error rather than a stack overflow.
#pragma once

#include <string>
#include <string_view>

#include "expr/ast.h"

namespace xianjie::expr {

inline constexpr int kMaxDepth = 64;

struct ParseError {
  std::string message;
  TextRange range;
};

// Parses a whole condition. Returns nullptr and fills `error` on the first syntax error (a
// condition is short; one precise error beats a cascade).
NodePtr parse_condition(std::string_view source, ParseError& error);

}  // namespace xianjie::expr
