// The condition parser. One method per grammar production of parser.h.
#include "expr/parser.h"

#include <fmt/format.h>

#include "expr/lexer.h"

namespace xianjie::expr {
namespace {

class Parser {
 public:
  Parser(std::string_view src, ParseError& err) : src_(src), err_(err), toks_(tokenize(src)) {}

  NodePtr condition() {
    for (const auto& t : toks_)
      if (t.kind == TokenKind::kError) { fail(t.text, t.range); return nullptr; }
    if (at(TokenKind::kEnd)) { fail("条件为空", {0, src_.size()}); return nullptr; }
    NodePtr n = or_expr();
    if (!n) return nullptr;
    if (!at(TokenKind::kEnd)) {
      fail(fmt::format("条件在此处应当结束，却遇到 {}；是否缺少 and / or？", describe(cur())), cur().range);
      return nullptr;
    }
    return n;
  }

 private:
  const Token& cur() const { return toks_[pos_]; }
  bool at(TokenKind k) const { return cur().kind == k; }
  const Token& take() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool accept(TokenKind k) { if (at(k)) { take(); return true; } return false; }

  std::string describe(const Token& t) const {
    if (t.kind == TokenKind::kEnd) return "条件结尾";
    return fmt::format("'{}'", std::string(src_.substr(t.range.begin, t.range.end - t.range.begin)));
  }
  void fail(std::string msg, TextRange r) {
    if (failed_) return;
    failed_ = true;
    err_.message = std::move(msg);
    err_.range = r;
  }
  bool expect(TokenKind k, std::string_view what) {
    if (accept(k)) return true;
    fail(fmt::format("此处应为 {}，却遇到 {}", what, describe(cur())), cur().range);
    return false;
  }

  NodePtr make(NodeKind k, size_t begin) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    n->range = {begin, begin};
    return n;
  }
  void finish(Node& n) { n.range.end = toks_[pos_ > 0 ? pos_ - 1 : 0].range.end; }

  struct DepthGuard {
    Parser& p; bool ok;
    explicit DepthGuard(Parser& parser) : p(parser), ok(++parser.depth_ <= kMaxDepth) {
      if (!ok) p.fail(fmt::format("条件嵌套超过 {} 层", kMaxDepth), p.cur().range);
    }
    ~DepthGuard() { --p.depth_; }
  };

  // or_expr := and_expr { "or" and_expr }
  NodePtr or_expr() { return nary(NodeKind::kOr, TokenKind::kOr, &Parser::and_expr); }
  // and_expr := not_expr { "and" not_expr }
  NodePtr and_expr() { return nary(NodeKind::kAnd, TokenKind::kAnd, &Parser::not_expr); }

  NodePtr nary(NodeKind kind, TokenKind op, NodePtr (Parser::*sub)()) {
    DepthGuard g(*this);
    if (!g.ok) return nullptr;
    size_t begin = cur().range.begin;
    NodePtr first = (this->*sub)();
    if (!first || !at(op)) return first;
    NodePtr n = make(kind, begin);
    n->children.push_back(std::move(first));
    while (accept(op)) {
      NodePtr next = (this->*sub)();
      if (!next) return nullptr;
      n->children.push_back(std::move(next));
    }
    finish(*n);
    return n;
  }

  // not_expr := "not" not_expr | predicate
  NodePtr not_expr() {
    DepthGuard g(*this);
    if (!g.ok) return nullptr;
    size_t begin = cur().range.begin;
    if (accept(TokenKind::kNot)) {
      NodePtr inner = not_expr();
      if (!inner) return nullptr;
      NodePtr n = make(NodeKind::kNot, begin);
      n->children.push_back(std::move(inner));
      finish(*n);
      return n;
    }
    return predicate();
  }

  static bool cmp_of(TokenKind k, CmpOp& op) {
    switch (k) {
      case TokenKind::kEq: op = CmpOp::kEq; return true;
      case TokenKind::kNe: op = CmpOp::kNe; return true;
      case TokenKind::kLt: op = CmpOp::kLt; return true;
      case TokenKind::kLe: op = CmpOp::kLe; return true;
      case TokenKind::kGt: op = CmpOp::kGt; return true;
      case TokenKind::kGe: op = CmpOp::kGe; return true;
      default: return false;
    }
  }

  // predicate := additive [ cmp_op additive | [not] in … | is [not] null | contains… | matches STRING ]
  NodePtr predicate() {
    size_t begin = cur().range.begin;
    NodePtr lhs = additive();
    if (!lhs) return nullptr;
    CmpOp op;
    if (cmp_of(cur().kind, op)) {
      take();
      NodePtr rhs = additive();
      if (!rhs) return nullptr;
      NodePtr n = make(NodeKind::kCompare, begin);
      n->cmp = op;
      n->children.push_back(std::move(lhs));
      n->children.push_back(std::move(rhs));
      finish(*n);
      return n;
    }
    bool negated = false;
    if (at(TokenKind::kNot) && toks_[pos_ + 1].kind == TokenKind::kIn) { take(); negated = true; }
    if (accept(TokenKind::kIn)) {
      NodePtr set;
      if (at(TokenKind::kLBracket)) set = list();
      else if (at(TokenKind::kIdent)) set = primary();
      else { fail(fmt::format("in 之后应为列表 [..] 或列表名，却遇到 {}", describe(cur())), cur().range); return nullptr; }
      if (!set) return nullptr;
      NodePtr n = make(NodeKind::kIn, begin);
      n->negated = negated;
      n->children.push_back(std::move(lhs));
      n->children.push_back(std::move(set));
      finish(*n);
      return n;
    }
    if (accept(TokenKind::kIs)) {
      NodePtr n = make(NodeKind::kIsNull, begin);
      n->negated = accept(TokenKind::kNot);
      if (!expect(TokenKind::kNull, "null")) return nullptr;
      n->children.push_back(std::move(lhs));
      finish(*n);
      return n;
    }
    if (at(TokenKind::kContains) || at(TokenKind::kContainsAny) || at(TokenKind::kContainsAll)) {
      TokenKind k = take().kind;
      NodePtr rhs = at(TokenKind::kLBracket) ? list() : additive();
      if (!rhs) return nullptr;
      NodePtr n = make(NodeKind::kContains, begin);
      n->contains = k == TokenKind::kContains ? ContainsMode::kOne
                    : k == TokenKind::kContainsAny ? ContainsMode::kAny : ContainsMode::kAll;
      n->children.push_back(std::move(lhs));
      n->children.push_back(std::move(rhs));
      finish(*n);
      return n;
    }
    if (accept(TokenKind::kMatches)) {
      if (!at(TokenKind::kString)) { fail("matches 之后应为正则表达式字符串，如 '电鱼|毒鱼'", cur().range); return nullptr; }
      NodePtr n = make(NodeKind::kMatches, begin);
      n->text = take().text;
      n->children.push_back(std::move(lhs));
      finish(*n);
      return n;
    }
    return lhs;
  }

  // additive := term { ("+" | "-") term }
  NodePtr additive() { return binary(&Parser::term, TokenKind::kPlus, ArithOp::kAdd, TokenKind::kMinus, ArithOp::kSub); }
  // term := unary { ("*" | "/") unary }
  NodePtr term() { return binary(&Parser::unary, TokenKind::kStar, ArithOp::kMul, TokenKind::kSlash, ArithOp::kDiv); }

  NodePtr binary(NodePtr (Parser::*sub)(), TokenKind t1, ArithOp o1, TokenKind t2, ArithOp o2) {
    DepthGuard g(*this);
    if (!g.ok) return nullptr;
    size_t begin = cur().range.begin;
    NodePtr lhs = (this->*sub)();
    while (lhs && (at(t1) || at(t2))) {
      ArithOp op = take().kind == t1 ? o1 : o2;
      NodePtr rhs = (this->*sub)();
      if (!rhs) return nullptr;
      NodePtr n = make(NodeKind::kArith, begin);
      n->arith = op;
      n->children.push_back(std::move(lhs));
      n->children.push_back(std::move(rhs));
      finish(*n);
      lhs = std::move(n);
    }
    return lhs;
  }

  // unary := "-" unary | primary
  NodePtr unary() {
    DepthGuard g(*this);
    if (!g.ok) return nullptr;
    size_t begin = cur().range.begin;
    if (accept(TokenKind::kMinus)) {
      NodePtr inner = unary();
      if (!inner) return nullptr;
      NodePtr n = make(NodeKind::kNeg, begin);
      n->children.push_back(std::move(inner));
      finish(*n);
      return n;
    }
    return primary();
  }

  // primary := literal | COLUMN | IDENT [ call ] | "(" or_expr ")" | list
  NodePtr primary() {
    size_t begin = cur().range.begin;
    const Token& t = cur();
    switch (t.kind) {
      case TokenKind::kNumber: { NodePtr n = make(NodeKind::kNumber, begin); n->literal = take().literal; finish(*n); return n; }
      case TokenKind::kString: { NodePtr n = make(NodeKind::kString, begin); n->text = take().text; finish(*n); return n; }
      case TokenKind::kDate: { NodePtr n = make(NodeKind::kDate, begin); n->date = take().date; finish(*n); return n; }
      case TokenKind::kTrue:
      case TokenKind::kFalse: { NodePtr n = make(NodeKind::kBool, begin); n->boolean = take().kind == TokenKind::kTrue; finish(*n); return n; }
      case TokenKind::kNull: { NodePtr n = make(NodeKind::kNull, begin); take(); finish(*n); return n; }
      case TokenKind::kColumn: { NodePtr n = make(NodeKind::kColumn, begin); n->text = take().text; finish(*n); return n; }
      case TokenKind::kIdent: {
        NodePtr n = make(NodeKind::kIdent, begin);
        n->text = take().text;
        if (accept(TokenKind::kLParen)) {
          n->kind = NodeKind::kCall;
          if (!at(TokenKind::kRParen)) {
            do {
              NodePtr arg = or_expr();
              if (!arg) return nullptr;
              n->children.push_back(std::move(arg));
            } while (accept(TokenKind::kComma));
          }
          if (!expect(TokenKind::kRParen, "')'")) return nullptr;
        }
        finish(*n);
        return n;
      }
      case TokenKind::kLParen: {
        take();
        NodePtr inner = or_expr();
        if (!inner) return nullptr;
        if (!expect(TokenKind::kRParen, "')'")) return nullptr;
        return inner;
      }
      case TokenKind::kLBracket: return list();
      default: break;
    }
    fail(fmt::format("此处应为字段名、数值或 '('，却遇到 {}", describe(t)), t.range);
    return nullptr;
  }

  // list := "[" [ or_expr { "," or_expr } ] "]"
  NodePtr list() {
    size_t begin = cur().range.begin;
    if (!expect(TokenKind::kLBracket, "'['")) return nullptr;
    NodePtr n = make(NodeKind::kList, begin);
    if (!at(TokenKind::kRBracket)) {
      do {
        NodePtr item = or_expr();
        if (!item) return nullptr;
        n->children.push_back(std::move(item));
      } while (accept(TokenKind::kComma));
    }
    if (!expect(TokenKind::kRBracket, "']'")) return nullptr;
    finish(*n);
    return n;
  }

  std::string_view src_;
  ParseError& err_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

}  // namespace

NodePtr parse_condition(std::string_view source, ParseError& error) {
  Parser p(source, error);
  return p.condition();
}

}  // namespace xianjie::expr
