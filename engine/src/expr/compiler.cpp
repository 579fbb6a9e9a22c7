// Binder and type checker for conditions (see compiler.h for the resolution order).
#include "expr/compiler.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "xianjie/fields.h"
#include "xianjie/value_parse.h"

namespace xianjie::expr {

bool is_numeric(Type t) { return t == Type::kMoney || t == Type::kNumber || t == Type::kInteger; }

std::string type_name(StaticType t) {
  switch (t.kind) {
    case Type::kBool: return "是否";
    case Type::kMoney: return "金额";
    case Type::kNumber: return "数值";
    case Type::kInteger: return "整数";
    case Type::kQuantity: return t.dim == Dimension::kNone ? "数量" : fmt::format("数量({})", dimension_name(t.dim));
    case Type::kText: return "文本";
    case Type::kDate: return "日期";
    case Type::kList: return "列表";
    case Type::kPartyType: return "当事人类型";
    case Type::kPoliceDecision: return "立案情况";
    case Type::kNull: return "null";
  }
  return "?";
}

namespace {

StaticType field_static_type(FieldType f) {
  switch (f) {
    case FieldType::kText: return {Type::kText};
    case FieldType::kAmount: return {Type::kMoney};
    case FieldType::kNumber: return {Type::kNumber};
    case FieldType::kInteger: return {Type::kInteger};
    case FieldType::kDate: return {Type::kDate};
    case FieldType::kBool: return {Type::kBool};
    case FieldType::kPartyType: return {Type::kPartyType};
    case FieldType::kPoliceDecision: return {Type::kPoliceDecision};
    case FieldType::kList: return {Type::kList};
    case FieldType::kQuantity: return {Type::kQuantity, Dimension::kNone};  // dimension known per record
  }
  return {Type::kText};
}

bool is_textual(Type t) { return t == Type::kText || t == Type::kList; }

class Compiler {
 public:
  Compiler(CompileEnv& env, Program& p, std::vector<CompileError>& errs) : env_(env), p_(p), errs_(errs) {}

  int32_t any(const Node& n) { return value(n); }

  int32_t boolean(const Node& n) {
    int32_t i = value(n);
    if (i < 0) return -1;
    if (p_.code[static_cast<size_t>(i)].type.kind != Type::kBool) {
      error(n, "E-COND-TYPE", fmt::format("此处需要一个条件（是/否），而这里是{}", type_name(type_of(i))),
            "比较运算写成如 sales_amount >= 5万元");
      return -1;
    }
    return i;
  }

 private:
  StaticType type_of(int32_t i) const { return p_.code[static_cast<size_t>(i)].type; }
  const Instr& at(int32_t i) const { return p_.code[static_cast<size_t>(i)]; }

  void error(const Node& n, std::string code, std::string msg, std::string hint = {}) {
    errs_.push_back(CompileError{std::move(code), std::move(msg), std::move(hint), n.range});
  }

  int32_t emit(Op op, StaticType t, const Node& n, std::string label = {}) {
    Instr i;
    i.op = op;
    i.type = t;
    i.range = n.range;
    i.label = std::move(label);
    return p_.add(std::move(i));
  }

  int32_t constant(Value v, StaticType t, const Node& n, std::string label) {
    int32_t i = emit(Op::kConst, t, n, std::move(label));
    p_.code[static_cast<size_t>(i)].index = p_.add_constant(v);
    return i;
  }

  static std::string number_label(const Literal& lit) {
    switch (lit.unit) {
      case LiteralUnit::kYuan: return lit.number.to_grouped(0) + " 元";
      case LiteralUnit::kPercent: {
        auto pct = lit.number.mul(*Decimal::from_int(100));
        return (pct ? pct->to_grouped(0) : lit.number.to_string()) + "%";
      }
      case LiteralUnit::kQuantity: {
        auto shown = lit.number.div(lit.quantity_unit.to_base);
        return fmt::format("{} {}", shown ? shown->to_grouped(0) : lit.number.to_string(), lit.unit_text);
      }
      case LiteralUnit::kNone: break;
    }
    return lit.number.to_grouped(0);
  }

  int32_t value(const Node& n) {
    switch (n.kind) {
      case NodeKind::kNumber: {
        const Literal& lit = n.literal;
        StaticType t{Type::kNumber};
        Value v = Value::decimal(lit.number);
        if (lit.unit == LiteralUnit::kYuan) t = {Type::kMoney};
        if (lit.unit == LiteralUnit::kQuantity) {
          t = {Type::kQuantity, lit.quantity_unit.dimension};
          v = Value::quantity(Quantity{lit.number, lit.quantity_unit.dimension});
        }
        int32_t i = constant(v, t, n, number_label(lit));
        p_.code[static_cast<size_t>(i)].unit_text = lit.unit_text;
        return i;
      }
      case NodeKind::kString: {
        std::string_view s = p_.intern(n.text);
        return constant(Value::text(s), {Type::kText}, n, fmt::format("'{}'", n.text));
      }
      case NodeKind::kDate: return constant(Value::date(*n.date), {Type::kDate}, n, n.date->to_string());
      case NodeKind::kBool: return constant(Value::boolean(n.boolean), {Type::kBool}, n, n.boolean ? "是" : "否");
      case NodeKind::kNull: return constant(Value::null(), {Type::kNull}, n, "null");
      case NodeKind::kIdent: return ident(n);
      case NodeKind::kColumn: return column(n);
      case NodeKind::kList:
        error(n, "E-COND-LIST", "列表只能用在 in、contains_any、contains_all 或 mentions(…) 中");
        return -1;
      case NodeKind::kNeg: {
        int32_t a = value(*n.children[0]);
        if (a < 0) return -1;
        StaticType t = type_of(a);
        if (!is_numeric(t.kind) && t.kind != Type::kQuantity) {
          error(n, "E-COND-TYPE", fmt::format("不能对{}取负", type_name(t)));
          return -1;
        }
        int32_t i = emit(Op::kNeg, t, n, "-" + at(a).label);
        p_.code[static_cast<size_t>(i)].a = a;
        return i;
      }
      case NodeKind::kNot: {
        int32_t a = boolean(*n.children[0]);
        if (a < 0) return -1;
        int32_t i = emit(Op::kNot, {Type::kBool}, n, "非(" + at(a).label + ")");
        p_.code[static_cast<size_t>(i)].a = a;
        return i;
      }
      case NodeKind::kAnd:
      case NodeKind::kOr: return junction(n);
      case NodeKind::kArith: return arith(n);
      case NodeKind::kCompare: return compare(n);
      case NodeKind::kIn: return in_set(n);
      case NodeKind::kIsNull: {
        int32_t a = value(*n.children[0]);
        if (a < 0) return -1;
        int32_t i = emit(Op::kIsNull, {Type::kBool}, n, at(a).label + (n.negated ? " 不为空" : " 为空"));
        p_.code[static_cast<size_t>(i)].a = a;
        p_.code[static_cast<size_t>(i)].negated = n.negated;
        return i;
      }
      case NodeKind::kContains: return contains(n);
      case NodeKind::kMatches: return matches(n);
      case NodeKind::kCall: return call(n);
    }
    return -1;
  }

  int32_t ident(const Node& n) {
    const std::string& name = n.text;
    if (env_.params) {
      for (size_t k = 0; k < env_.params->size(); ++k) {
        const ParamInfo& pi = (*env_.params)[k];
        if (pi.name != name) continue;
        int32_t i = emit(Op::kParam, pi.type, n, pi.label.empty() ? pi.name : pi.label);
        p_.code[static_cast<size_t>(i)].index = static_cast<int32_t>(k);
        p_.code[static_cast<size_t>(i)].unit_text = pi.unit_text;
        if (env_.params_used) (*env_.params_used)[k] = true;
        return i;
      }
    }
    if (env_.conditions) {
      auto it = env_.conditions->find(name);
      if (it != env_.conditions->end()) {
        it->second.used = true;
        // Its own errors (parse, type, a cycle) are reported where it is defined.
        if (!it->second.ast || it->second.broken) return -1;
        for (size_t k = 0; k < stack_.size(); ++k) {
          if (stack_[k] != name) continue;
          std::string via;  // the conditions in between, when the cycle is not direct
          for (size_t m = k + 1; m < stack_.size(); ++m) via += (via.empty() ? "" : " → ") + stack_[m];
          error(n, "E-COND-CYCLE", via.empty() ? fmt::format("命名条件 {} 引用了自身", name)
                                               : fmt::format("命名条件 {} 经由 {} 引用了自身", name, via));
          return -1;
        }
        // Inlining recurses once per level: a long chain (c2: c1 …, c3: c2 …) must be an error,
        // not a stack overflow.
        if (stack_.size() >= kMaxConditionNesting) {
          error(n, "E-COND-DEPTH", fmt::format("命名条件逐层引用超过 {} 层（从 {} 开始）", kMaxConditionNesting, stack_.front()),
                "把部分条件直接写进规则的 when，减少命名条件之间的层层引用");
          return -1;
        }
        size_t errors_before = errs_.size();
        stack_.push_back(name);
        int32_t i = value(*it->second.ast);
        stack_.pop_back();
        if (stack_.empty() && errs_.size() > errors_before) {
          // The ranges of errors found inside the inlined text are offsets into that text, not into
          // the one being compiled. Errors of the named condition's own text are reported at its
          // definition; what comes from the chain of references (a cycle, too deep) is reported
          // once, here, at the reference.
          auto chain = std::find_if(errs_.begin() + static_cast<std::ptrdiff_t>(errors_before), errs_.end(),
                                    [](const CompileError& e) { return e.code == "E-COND-CYCLE" || e.code == "E-COND-DEPTH"; });
          std::optional<CompileError> kept;
          if (chain != errs_.end()) kept = *chain;
          errs_.resize(errors_before);
          if (kept) {
            kept->range = n.range;
            errs_.push_back(std::move(*kept));
          }
          return -1;
        }
        if (i >= 0 && type_of(i).kind != Type::kBool) {
          error(n, "E-COND-TYPE", fmt::format("命名条件 {} 不是一个是/否条件", name));
          return -1;
        }
        if (i >= 0) p_.code[static_cast<size_t>(i)].label = name;
        return i;
      }
    }
    if (env_.lists && env_.lists->count(name)) {
      error(n, "E-COND-LIST", fmt::format("{} 是一个关键词列表，只能用在 in、contains_any、contains_all 或 mentions(…) 中", name));
      return -1;
    }
    const auto& fields = cases_fields();
    for (size_t k = 0; k < fields.size(); ++k) {
      const FieldDef& f = fields[k];
      bool hit = f.name == name || f.label == name;
      for (auto a : f.aliases) hit = hit || a == name;
      if (!hit) continue;
      int32_t i = emit(Op::kSlot, field_static_type(f.type), n, std::string(f.label));
      p_.code[static_cast<size_t>(i)].index = static_cast<int32_t>(k);
      return i;
    }
    std::string hint;
    if (auto near = nearest_field_name(name)) hint = fmt::format("是否指字段 {}？", *near);
    else hint = "字段名见 docs/rules.md 的字段表；文本值要加引号，如 'unit'；输入文件中的其他列用反引号，如 `检查结果`";
    error(n, "E-COND-NAME", fmt::format("未知的名称 '{}'：不是参数、命名条件、列表或字段", name), hint);
    return -1;
  }

  int32_t column(const Node& n) {
    auto& cols = *env_.extra_columns;
    int32_t idx = -1;
    for (size_t k = 0; k < cols.size(); ++k)
      if (cols[k] == n.text) idx = static_cast<int32_t>(k);
    if (idx < 0) { cols.push_back(n.text); idx = static_cast<int32_t>(cols.size() - 1); }
    int32_t i = emit(Op::kSlot, {Type::kText}, n, n.text);
    p_.code[static_cast<size_t>(i)].index = static_cast<int32_t>(cases_fields().size()) + idx;
    return i;
  }

  int32_t junction(const Node& n) {
    std::vector<int32_t> kids;
    bool ok = true;
    for (const auto& c : n.children) {
      int32_t k = boolean(*c);
      ok = ok && k >= 0;
      kids.push_back(k);
    }
    if (!ok) return -1;
    int32_t i = emit(n.kind == NodeKind::kAnd ? Op::kAnd : Op::kOr, {Type::kBool}, n);
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.first = static_cast<int32_t>(p_.children.size());
    ins.count = static_cast<int32_t>(kids.size());
    p_.children.insert(p_.children.end(), kids.begin(), kids.end());
    return i;
  }

  // Parenthesises an operand only where precedence needs it: (a + b) × 3, not (a × 3) + b.
  static std::string wrap(const Instr& i, ArithOp parent, bool right) {
    if (i.op != Op::kArith) return i.label;
    bool parent_mul = parent == ArithOp::kMul || parent == ArithOp::kDiv;
    bool child_add = i.arith == ArithOp::kAdd || i.arith == ArithOp::kSub;
    bool needs = (parent_mul && child_add) || (right && (parent == ArithOp::kSub || parent == ArithOp::kDiv));
    return needs ? "(" + i.label + ")" : i.label;
  }

  int32_t arith(const Node& n) {
    int32_t a = value(*n.children[0]);
    int32_t b = value(*n.children[1]);
    if (a < 0 || b < 0) return -1;
    StaticType ta = type_of(a), tb = type_of(b);
    StaticType out;
    bool ok = false;
    auto money_or_num = [](Type x, Type y) { return x == Type::kMoney || y == Type::kMoney ? Type::kMoney : Type::kNumber; };
    switch (n.arith) {
      case ArithOp::kAdd:
      case ArithOp::kSub:
        if (is_numeric(ta.kind) && is_numeric(tb.kind)) { out = {money_or_num(ta.kind, tb.kind)}; ok = true; }
        else if (ta.kind == Type::kQuantity && tb.kind == Type::kQuantity &&
                 (ta.dim == tb.dim || ta.dim == Dimension::kNone || tb.dim == Dimension::kNone)) {
          out = {Type::kQuantity, ta.dim != Dimension::kNone ? ta.dim : tb.dim}; ok = true;
        } else if (ta.kind == Type::kDate && tb.kind == Type::kQuantity &&
                   (tb.dim == Dimension::kMonths || tb.dim == Dimension::kDays)) {
          out = {Type::kDate}; ok = true;  // calendar arithmetic: decision_date + 2年
        }
        break;
      case ArithOp::kMul:
        if (is_numeric(ta.kind) && is_numeric(tb.kind)) {
          ok = !(ta.kind == Type::kMoney && tb.kind == Type::kMoney);
          out = {money_or_num(ta.kind, tb.kind)};
        } else if (ta.kind == Type::kQuantity && is_numeric(tb.kind) && tb.kind != Type::kMoney) { out = ta; ok = true; }
        else if (tb.kind == Type::kQuantity && is_numeric(ta.kind) && ta.kind != Type::kMoney) { out = tb; ok = true; }
        break;
      case ArithOp::kDiv:
        if (is_numeric(ta.kind) && is_numeric(tb.kind)) {
          out = {ta.kind == Type::kMoney && tb.kind != Type::kMoney ? Type::kMoney : Type::kNumber};
          ok = true;
        } else if (ta.kind == Type::kQuantity && tb.kind == Type::kQuantity) { out = {Type::kNumber}; ok = true; }
        else if (ta.kind == Type::kQuantity && is_numeric(tb.kind) && tb.kind != Type::kMoney) { out = ta; ok = true; }
        break;
    }
    static constexpr std::string_view kSym[] = {" + ", " - ", "×", "÷"};
    if (!ok) {
      error(n, "E-COND-TYPE",
            fmt::format("不能计算 {}{}{}", type_name(ta), kSym[static_cast<int>(n.arith)], type_name(tb)),
            "金额与金额相加减，金额乘以倍数；数量须为同一类单位；日期可加减期间，如 decision_date + 2年");
      return -1;
    }
    int32_t i = emit(Op::kArith, out, n, wrap(at(a), n.arith, false) + std::string(kSym[static_cast<int>(n.arith)]) + wrap(at(b), n.arith, true));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.arith = n.arith;
    ins.a = a;
    ins.b = b;
    return i;
  }

  // Converts a text constant compared with an enum field to the enum's canonical name.
  bool normalise_enum(int32_t enum_side, int32_t const_side, const Node& n) {
    Type et = type_of(enum_side).kind;
    Instr& c = p_.code[static_cast<size_t>(const_side)];
    if (c.op != Op::kConst || c.type.kind != Type::kText) {
      error(n, "E-COND-TYPE", fmt::format("{}只能与文本值比较，如 'unit'、'个人'", type_name(type_of(enum_side))));
      return false;
    }
    std::string err;
    std::string_view raw = p_.constants[static_cast<size_t>(c.index)].as_text();
    std::string_view canon;
    if (et == Type::kPartyType) {
      auto pt = parse_party_type(raw, err);
      if (pt) canon = party_type_name(*pt);
    } else {
      auto pd = parse_police_decision(raw, err);
      if (pd) canon = police_decision_name(*pd);
    }
    if (canon.empty()) {
      error(n, "E-COND-ENUM", fmt::format("'{}' 不是有效的{}", std::string(raw), type_name(type_of(enum_side))),
            et == Type::kPartyType ? "可用: 'individual'/'个人'、'unit'/'单位'"
                                   : "可用: 'filed'/'立案'、'not_filed'/'不予立案'、'returned'/'退回'、'pending'/'待处理'");
      return false;
    }
    p_.constants[static_cast<size_t>(c.index)] = Value::text(canon);
    c.type = type_of(enum_side);
    return true;
  }

  bool comparable(StaticType ta, StaticType tb, CmpOp op, const Node& n) {
    auto ordered = op != CmpOp::kEq && op != CmpOp::kNe;
    if (is_numeric(ta.kind) && is_numeric(tb.kind)) return true;
    if (ta.kind == Type::kQuantity && tb.kind == Type::kQuantity) return true;  // dimensions checked per record
    if (ta.kind == Type::kDate && tb.kind == Type::kDate) return true;
    if (!ordered && ta.kind == tb.kind && (ta.kind == Type::kBool || ta.kind == Type::kText)) return true;
    std::string hint;
    if ((ta.kind == Type::kQuantity && is_numeric(tb.kind)) || (tb.kind == Type::kQuantity && is_numeric(ta.kind)))
      hint = "数量的门槛要写明单位，如 500公斤、5立方米、200株";
    else if (is_textual(ta.kind) || is_textual(tb.kind))
      hint = "文本字段可用 == 、in [...]、contains、matches；要比较金额，请用金额字段";
    else if (ta.kind == Type::kNull || tb.kind == Type::kNull)
      hint = "判断是否为空请写 x is null 或 x is not null";
    error(n, "E-COND-TYPE", fmt::format("{}不能与{}比较（{}）", type_name(ta), type_name(tb), cmp_ascii(op)), hint);
    return false;
  }

  int32_t compare(const Node& n) {
    int32_t a = value(*n.children[0]);
    int32_t b = value(*n.children[1]);
    if (a < 0 || b < 0) return -1;
    Type ka = type_of(a).kind, kb = type_of(b).kind;
    bool enum_a = ka == Type::kPartyType || ka == Type::kPoliceDecision;
    bool enum_b = kb == Type::kPartyType || kb == Type::kPoliceDecision;
    if (enum_a || enum_b) {
      if (n.cmp != CmpOp::kEq && n.cmp != CmpOp::kNe) {
        error(n, "E-COND-TYPE", "类型字段只能用 == 或 != 比较");
        return -1;
      }
      if (!(enum_a && enum_b && ka == kb) && !normalise_enum(enum_a ? a : b, enum_a ? b : a, n)) return -1;
    } else if (!comparable(type_of(a), type_of(b), n.cmp, n)) {
      return -1;
    }
    int32_t i = emit(Op::kCompare, {Type::kBool}, n,
                     fmt::format("{} {} {}", at(a).label, cmp_symbol(n.cmp), at(b).label));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.cmp = n.cmp;
    ins.a = a;
    ins.b = b;
    return i;
  }

  // The words of a set operand: a list literal of strings, or a named list.
  bool set_words(const Node& s, std::vector<std::string>& words, std::string& name, int32_t* keyword_set) {
    if (s.kind == NodeKind::kIdent && env_.lists) {
      auto it = env_.lists->find(s.text);
      if (it == env_.lists->end()) {
        error(s, "E-COND-NAME", fmt::format("未知的关键词列表 '{}'", s.text), "在文件的 lists: 下定义它");
        return false;
      }
      it->second.used = true;
      words = it->second.words;
      name = s.text;
      if (keyword_set) {
        if (it->second.keyword_set < 0) it->second.keyword_set = env_.keywords->add_set(words);
        *keyword_set = it->second.keyword_set;
      }
      return true;
    }
    if (s.kind == NodeKind::kString) { words = {s.text}; name = "'" + s.text + "'"; }
    else if (s.kind == NodeKind::kList) {
      for (const auto& c : s.children) {
        if (c->kind != NodeKind::kString) {
          error(*c, "E-COND-TYPE", "关键词列表中只能有文本，如 ['电鱼', '毒鱼']");
          return false;
        }
        words.push_back(c->text);
      }
      name = "[";
      for (size_t k = 0; k < words.size(); ++k) name += (k ? "、" : "") + words[k];
      name += "]";
    } else {
      error(s, "E-COND-TYPE", "此处需要文本、关键词列表 [...] 或列表名");
      return false;
    }
    if (keyword_set) *keyword_set = env_.keywords->add_set(words);
    return true;
  }

  int32_t in_set(const Node& n) {
    int32_t a = value(*n.children[0]);
    if (a < 0) return -1;
    const Node& s = *n.children[1];
    std::vector<int32_t> items;
    std::string set_label;
    if (s.kind == NodeKind::kList) {
      for (const auto& c : s.children) {
        int32_t k = value(*c);
        if (k < 0) return -1;
        items.push_back(k);
      }
      set_label = "[";
      for (size_t k = 0; k < items.size(); ++k) set_label += (k ? "、" : "") + at(items[k]).label;
      set_label += "]";
    } else {
      std::vector<std::string> words;
      if (!set_words(s, words, set_label, nullptr)) return -1;
      for (const auto& w : words) items.push_back(constant(Value::text(p_.intern(w)), {Type::kText}, s, w));
    }
    Type ka = type_of(a).kind;
    for (int32_t k : items) {
      Type kk = type_of(k).kind;
      if (ka == Type::kPartyType || ka == Type::kPoliceDecision) {
        if (!normalise_enum(a, k, n)) return -1;
      } else if (!(is_numeric(ka) && is_numeric(kk)) && !(ka == kk) && !(is_textual(ka) && kk == Type::kText)) {
        error(n, "E-COND-TYPE", fmt::format("{}不能与列表中的{}比较", type_name(type_of(a)), type_name(type_of(k))));
        return -1;
      }
    }
    int32_t i = emit(Op::kInSet, {Type::kBool}, n,
                     fmt::format("{} {} {}", at(a).label, n.negated ? "不属于" : "属于", set_label));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.a = a;
    ins.negated = n.negated;
    ins.first = static_cast<int32_t>(p_.children.size());
    ins.count = static_cast<int32_t>(items.size());
    p_.children.insert(p_.children.end(), items.begin(), items.end());
    return i;
  }

  // A keyword-set test on a text slot through the shared automaton.
  int32_t field_hits(int32_t slot_instr, int32_t set, ContainsMode mode, const Node& n, const std::string& set_label) {
    int32_t slot = at(slot_instr).index;
    auto& scanned = *env_.scanned_slots;
    bool known = false;
    for (int s : scanned) known = known || s == slot;
    if (!known) scanned.push_back(slot);
    int32_t i = emit(Op::kFieldHits, {Type::kBool}, n,
                     fmt::format("{} 含{} {}", at(slot_instr).label, mode == ContainsMode::kAll ? "全部" : "", set_label));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.a = slot_instr;
    ins.index = set;
    ins.mode = mode;
    return i;
  }

  int32_t contains(const Node& n) {
    int32_t a = value(*n.children[0]);
    if (a < 0) return -1;
    if (!is_textual(type_of(a).kind)) {
      error(n, "E-COND-TYPE", fmt::format("contains 只能用于文本字段，而这里是{}", type_name(type_of(a))));
      return -1;
    }
    std::vector<std::string> words;
    std::string label;
    int32_t set = -1;
    if (!set_words(*n.children[1], words, label, &set)) return -1;
    ContainsMode mode = n.contains == ContainsMode::kOne ? ContainsMode::kAny : n.contains;
    if (at(a).op == Op::kSlot) return field_hits(a, set, mode, n, label);
    int32_t i = emit(Op::kTextHas, {Type::kBool}, n, fmt::format("{} 含 {}", at(a).label, label));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.a = a;
    ins.index = set;
    ins.mode = mode;
    return i;
  }

  int32_t matches(const Node& n) {
    int32_t a = value(*n.children[0]);
    if (a < 0) return -1;
    if (!is_textual(type_of(a).kind)) {
      error(n, "E-COND-TYPE", fmt::format("matches 只能用于文本字段，而这里是{}", type_name(type_of(a))));
      return -1;
    }
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(8 << 20);
    auto re = std::make_unique<RE2>(n.text, opts);
    if (!re->ok()) {
      error(n, "E-COND-REGEX", fmt::format("正则表达式无效: {}", re->error()),
            "正则语法见 RE2（不支持回溯引用与环视，因而不会因恶意输入而变慢）");
      return -1;
    }
    env_.regexes->push_back(std::move(re));
    int32_t i = emit(Op::kMatches, {Type::kBool}, n, fmt::format("{} 匹配 /{}/", at(a).label, n.text));
    auto& ins = p_.code[static_cast<size_t>(i)];
    ins.a = a;
    ins.index = static_cast<int32_t>(env_.regexes->size() - 1);
    return i;
  }

  int32_t call(const Node& n) {
    const std::string& f = n.text;
    auto arity = [&](size_t lo, size_t hi) {
      if (n.children.size() >= lo && n.children.size() <= hi) return true;
      error(n, "E-COND-CALL", fmt::format("{}(…) 的参数个数应为 {}{}，实际为 {}", f, lo,
                                          hi == lo ? "" : hi > 99 ? " 个以上" : fmt::format(" 至 {}", hi), n.children.size()));
      return false;
    };
    if (f == "mentions" || f == "mentions_all") {
      // Keywords in 案由 or 违法事实: the usual way a rule recognises the conduct.
      if (!arity(1, 1)) return -1;
      std::vector<std::string> words;
      std::string label;
      int32_t set = -1;
      if (!set_words(*n.children[0], words, label, &set)) return -1;
      ContainsMode mode = f == "mentions" ? ContainsMode::kAny : ContainsMode::kAll;
      std::vector<int32_t> kids;
      for (int slot : {slot::kCaseReason, slot::kFacts}) {
        int32_t s = emit(Op::kSlot, {Type::kText}, n, std::string(cases_fields()[static_cast<size_t>(slot)].label));
        p_.code[static_cast<size_t>(s)].index = slot;
        kids.push_back(field_hits(s, set, mode, n, label));
      }
      int32_t i = emit(Op::kOr, {Type::kBool}, n, fmt::format("案由或违法事实含{} {}", mode == ContainsMode::kAll ? "全部" : "", label));
      auto& ins = p_.code[static_cast<size_t>(i)];
      ins.first = static_cast<int32_t>(p_.children.size());
      ins.count = 2;
      p_.children.insert(p_.children.end(), kids.begin(), kids.end());
      return i;
    }
    if (f == "coalesce" || f == "min" || f == "max") {
      if (!arity(f == "coalesce" ? 1 : 2, 1000)) return -1;
      std::vector<int32_t> kids;
      for (const auto& c : n.children) {
        int32_t k = value(*c);
        if (k < 0) return -1;
        kids.push_back(k);
      }
      StaticType t = type_of(kids[0]);
      for (int32_t k : kids) {
        StaticType tk = type_of(k);
        bool same = tk == t || (is_numeric(tk.kind) && is_numeric(t.kind)) || (tk.kind == Type::kQuantity && t.kind == Type::kQuantity);
        if (!same) {
          error(n, "E-COND-TYPE", fmt::format("{}(…) 的参数类型不一致: {} 与 {}", f, type_name(t), type_name(tk)));
          return -1;
        }
        if (tk.kind == Type::kMoney) t = tk;
      }
      if (f != "coalesce" && !is_numeric(t.kind) && t.kind != Type::kQuantity && t.kind != Type::kDate) {
        error(n, "E-COND-TYPE", fmt::format("{}(…) 只能用于金额、数值、数量或日期", f));
        return -1;
      }
      std::string label = f + "(";
      for (size_t k = 0; k < kids.size(); ++k) label += (k ? ", " : "") + at(kids[k]).label;
      label += ")";
      int32_t i = emit(f == "coalesce" ? Op::kCoalesce : f == "min" ? Op::kMin : Op::kMax, t, n, label);
      auto& ins = p_.code[static_cast<size_t>(i)];
      ins.first = static_cast<int32_t>(p_.children.size());
      ins.count = static_cast<int32_t>(kids.size());
      p_.children.insert(p_.children.end(), kids.begin(), kids.end());
      return i;
    }
    if (f == "days_between") {
      if (!arity(2, 2)) return -1;
      int32_t a = value(*n.children[0]);
      int32_t b = value(*n.children[1]);
      if (a < 0 || b < 0) return -1;
      if (type_of(a).kind != Type::kDate || type_of(b).kind != Type::kDate) {
        error(n, "E-COND-TYPE", "days_between(起, 止) 的两个参数都必须是日期");
        return -1;
      }
      int32_t i = emit(Op::kDaysBetween, {Type::kInteger}, n, fmt::format("{}至{}的天数", at(a).label, at(b).label));
      p_.code[static_cast<size_t>(i)].a = a;
      p_.code[static_cast<size_t>(i)].b = b;
      return i;
    }
    if (f == "abs") {
      if (!arity(1, 1)) return -1;
      int32_t a = value(*n.children[0]);
      if (a < 0) return -1;
      if (!is_numeric(type_of(a).kind) && type_of(a).kind != Type::kQuantity) {
        error(n, "E-COND-TYPE", "abs(…) 只能用于金额、数值或数量");
        return -1;
      }
      int32_t i = emit(Op::kAbs, type_of(a), n, "|" + at(a).label + "|");
      p_.code[static_cast<size_t>(i)].a = a;
      return i;
    }
    error(n, "E-COND-CALL", fmt::format("未知的函数 {}(…)", f),
          "可用: mentions、mentions_all、coalesce、min、max、days_between、abs");
    return -1;
  }

  CompileEnv& env_;
  Program& p_;
  std::vector<CompileError>& errs_;
  std::vector<std::string> stack_;
};

}  // namespace

bool compile_condition(const Node& root, CompileEnv& env, Program& program, std::vector<CompileError>& errors) {
  size_t before = errors.size();
  Compiler c(env, program, errors);
  int32_t r = c.boolean(root);
  if (r >= 0) program.root = r;
  return errors.size() == before && r >= 0;
}

bool compile_amount(const Node& root, CompileEnv& env, Program& program, std::vector<CompileError>& errors) {
  size_t before = errors.size();
  Compiler c(env, program, errors);
  int32_t r = c.any(root);
  if (r >= 0) {
    const Instr& in = program.code[static_cast<size_t>(r)];
    if (in.type.kind != Type::kMoney && in.type.kind != Type::kNull) {
      errors.push_back({"E-COND-TYPE", fmt::format("此处应为金额，而“{}”是{}", in.label, type_name(in.type)),
                        "如 sales_amount，或 sales_amount * 3 + goods_value", in.range});
      r = -1;
    }
  }
  if (r >= 0) program.root = r;
  return errors.size() == before && r >= 0;
}

}  // namespace xianjie::expr
