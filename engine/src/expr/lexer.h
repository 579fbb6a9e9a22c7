// Tokens of the condition language. See parser.h for the grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace xianjie::expr {

enum class TokenKind : uint8_t {
  kEnd, kIdent, kNumber, kString, kDate, kColumn,
  kLParen, kRParen, kLBracket, kRBracket, kComma,
  kPlus, kMinus, kStar, kSlash,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kAnd, kOr, kNot, kIn, kIs, kNull, kTrue, kFalse, kContains, kContainsAny, kContainsAll, kMatches,
  kError,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  TextRange range;
  std::string text;   // identifier, string contents (unescaped), or error message
  Literal literal;    // for kNumber
  Date date;          // for kDate
};

// Splits `source` into tokens. A lexical error yields a kError token whose text is the message;
// the token list always ends with kEnd.
std::vector<Token> tokenize(std::string_view source);

std::string_view token_kind_name(TokenKind k);

}  // namespace xianjie::expr
