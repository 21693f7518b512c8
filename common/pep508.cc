#include "common/pep508.h"

#include <algorithm>

#include "common/error.h"
#include "common/project_name.h"
#include "common/text.h"

namespace pexrc {
namespace {

// PEP 508 "Whitespace": only spaces and tabs separate the parts of a specifier.
constexpr std::string_view kWsp = " \t";
bool is_wsp(char c) { return c == ' ' || c == '\t'; }
bool is_letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_name_char(char c) { return is_letter_or_digit(c) || c == '-' || c == '_' || c == '.'; }
// PEP 508 "Versions": the characters a version in a version_one may use.
bool is_version_char(char c) {
  return is_letter_or_digit(c) || c == '-' || c == '_' || c == '.' || c == '*' || c == '+' ||
         c == '!';
}
// Characters that continue a word, so that "in", "and" or a variable name must not be
// followed by one of them.
bool is_word_char(char c) { return is_letter_or_digit(c) || c == '_' || c == '.'; }

// A cursor over the text being parsed, shared by the requirement and marker parsers.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::string_view rest() const { return text_.substr(pos_); }
  void skip_wsp() {
    while (!at_end() && is_wsp(text_[pos_])) ++pos_;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool eat(std::string_view s) {
    if (!rest().starts_with(s)) return false;
    pos_ += s.size();
    return true;
  }
  // Consumes `word` when it is not followed by another word character.
  bool eat_keyword(std::string_view word) {
    std::string_view r = rest();
    if (!r.starts_with(word)) return false;
    if (r.size() > word.size() && is_word_char(r[word.size()])) return false;
    pos_ += word.size();
    return true;
  }
  // Consumes the longest run of characters satisfying `pred`.
  template <typename Pred>
  std::string_view take_while(Pred pred) {
    size_t start = pos_;
    while (!at_end() && pred(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // PEP 508 "Names": identifier = letterOrDigit (('-' | '_' | '.')* letterOrDigit)*. An
  // identifier cannot end in punctuation, which is left unconsumed.
  std::string_view take_identifier() {
    size_t start = pos_;
    if (!is_letter_or_digit(peek())) return {};
    size_t end = pos_;
    while (!at_end() && is_name_char(text_[pos_])) {
      if (is_letter_or_digit(text_[pos_])) end = pos_ + 1;
      ++pos_;
    }
    pos_ = end;
    return text_.substr(start, end - start);
  }
  // "'<rest>'" for error messages, or "end of input".
  std::string where() const {
    return at_end() ? std::string("end of input") : "'" + std::string(rest()) + "'";
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Thrown inside the parsers and turned into Error by the public entry points.
struct SyntaxError {
  std::string why;
};

[[noreturn]] void syntax_error(std::string why) { throw SyntaxError{std::move(why)}; }

// The variables of PEP 508 "Environment Markers" with the legacy dotted spellings that
// `packaging` still accepts, mapped to their canonical names.
struct VariableSpelling {
  std::string_view spelling;
  std::string_view canonical;
};

constexpr VariableSpelling kVariables[] = {
    {"python_version", "python_version"},
    {"python_full_version", "python_full_version"},
    {"os_name", "os_name"},
    {"sys_platform", "sys_platform"},
    {"platform_release", "platform_release"},
    {"platform_system", "platform_system"},
    {"platform_version", "platform_version"},
    {"platform_machine", "platform_machine"},
    {"platform_python_implementation", "platform_python_implementation"},
    {"implementation_name", "implementation_name"},
    {"implementation_version", "implementation_version"},
    {"extra", "extra"},
    {"os.name", "os_name"},
    {"sys.platform", "sys_platform"},
    {"platform.version", "platform_version"},
    {"platform.machine", "platform_machine"},
    {"platform.python_implementation", "platform_python_implementation"},
    {"python_implementation", "platform_python_implementation"},
};

// Nesting deeper than this is refused rather than risking the stack.
constexpr int kMaxDepth = 64;

bool string_compare(std::string_view lhs, std::string_view rhs, std::string_view op) {
  if (op == "==" || op == "===") return lhs == rhs;
  if (op == "!=") return lhs != rhs;
  if (op == "<") return lhs < rhs;
  if (op == "<=") return lhs <= rhs;
  if (op == ">") return lhs > rhs;
  if (op == ">=") return lhs >= rhs;
  return false;  // "~=" orders nothing but versions
}

}  // namespace

// ---- Markers ------------------------------------------------------------------------------

// Recursive descent over PEP 508 "Complete Grammar": marker_or, marker_and, marker_expr.
class Marker::Parser {
 public:
  Parser(std::string_view text, std::vector<Node>& nodes) : in_(text), nodes_(nodes) {}

  void parse_all() {
    parse_or(0);
    in_.skip_wsp();
    if (!in_.at_end()) syntax_error("expected 'and', 'or' or the end at " + in_.where());
  }

 private:
  size_t push(Node node) {
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
  }

  size_t push_binary(Node::Kind kind, size_t left, size_t right) {
    Node node;
    node.kind = kind;
    node.left = left;
    node.right = right;
    return push(std::move(node));
  }

  // `operand (keyword operand)*`, grouped from the left.
  size_t parse_chain(int depth, const char* keyword, Node::Kind kind,
                     size_t (Parser::*operand)(int)) {
    size_t left = (this->*operand)(depth);
    while (true) {
      in_.skip_wsp();
      if (!in_.eat_keyword(keyword)) return left;
      left = push_binary(kind, left, (this->*operand)(depth));
    }
  }

  size_t parse_or(int depth) {
    return parse_chain(depth, "or", Node::Kind::kOr, &Parser::parse_and);
  }

  size_t parse_and(int depth) {
    return parse_chain(depth, "and", Node::Kind::kAnd, &Parser::parse_expr);
  }

  size_t parse_expr(int depth) {
    in_.skip_wsp();
    if (in_.eat('(')) {
      if (depth >= kMaxDepth) syntax_error("parentheses nested too deeply");
      size_t inner = parse_or(depth + 1);
      in_.skip_wsp();
      if (!in_.eat(')')) syntax_error("expected ')' at " + in_.where());
      return inner;
    }
    Node node;
    std::optional<std::string> left_variable;
    std::string left = parse_operand(left_variable);
    node.op = parse_op();
    std::optional<std::string> right_variable;
    std::string right = parse_operand(right_variable);
    if (left_variable.has_value() == right_variable.has_value()) {
      syntax_error("a comparison needs one marker variable and one quoted string, got " +
                   describe(left, left_variable) + " and " + describe(right, right_variable));
    }
    node.variable_first = left_variable.has_value();
    node.variable = node.variable_first ? *left_variable : *right_variable;
    node.value = node.variable_first ? right : left;
    return push(std::move(node));
  }

  static std::string describe(const std::string& operand,
                              const std::optional<std::string>& variable) {
    return variable ? "variable '" + operand + "'" : "string '" + operand + "'";
  }

  // marker_var: a quoted string (returned unquoted) or a variable (returned as written, with
  // its canonical name in `variable`).
  std::string parse_operand(std::optional<std::string>& variable) {
    in_.skip_wsp();
    char quote = in_.peek();
    if (quote == '\'' || quote == '"') {
      in_.eat(quote);
      std::string value(in_.take_while([quote](char c) { return c != quote; }));
      if (!in_.eat(quote)) syntax_error("unterminated string " + std::string(1, quote) + value);
      return value;
    }
    std::string_view word = in_.take_while(is_word_char);
    if (word.empty()) {
      syntax_error("expected a marker variable or a quoted string at " + in_.where());
    }
    const VariableSpelling* v =
        std::find_if(std::begin(kVariables), std::end(kVariables),
                     [&](const VariableSpelling& s) { return s.spelling == word; });
    if (v == std::end(kVariables)) {
      syntax_error("unknown marker variable '" + std::string(word) + "'");
    }
    variable = std::string(v->canonical);
    return std::string(word);
  }

  // marker_op: a PEP 440 comparison operator, "in" or "not in".
  Op parse_op() {
    in_.skip_wsp();
    struct OpSpelling {
      std::string_view text;
      Op op;
    };
    // Longer spellings first, so that "===" is not read as "==" and "<=" not as "<".
    static constexpr OpSpelling kOps[] = {
        {"===", Op::kArbitrary}, {"~=", Op::kCompatible}, {"==", Op::kEqual},
        {"!=", Op::kNotEqual},   {"<=", Op::kLessEqual},  {">=", Op::kGreaterEqual},
        {"<", Op::kLess},        {">", Op::kGreater},
    };
    for (const OpSpelling& o : kOps) {
      if (in_.eat(o.text)) return o.op;
    }
    if (in_.eat_keyword("in")) return Op::kIn;
    if (in_.eat_keyword("not")) {
      // PEP 508: 'not' wsp+ 'in'; eat_keyword already refused "notin".
      in_.skip_wsp();
      if (in_.eat_keyword("in")) return Op::kNotIn;
      syntax_error("expected 'in' after 'not' at " + in_.where());
    }
    syntax_error("expected a marker operator at " + in_.where());
  }

  Cursor in_;
  std::vector<Node>& nodes_;
};

std::optional<Marker> Marker::parse_or_explain(std::string_view text, std::string& why) {
  Marker marker;
  try {
    Parser(text, marker.nodes_).parse_all();
  } catch (const SyntaxError& e) {
    why = e.why;
    return std::nullopt;
  }
  return marker;
}

Marker Marker::parse(std::string_view text) {
  std::string why;
  std::optional<Marker> marker = parse_or_explain(text, why);
  if (!marker) {
    fail(Status::kBadPexInfo, "invalid marker '" + std::string(trim(text, kWsp)) + "': " + why);
  }
  return std::move(*marker);
}

namespace {

std::string_view op_text(uint8_t op) {
  static constexpr std::string_view kTexts[] = {
      "<", "<=", "==", "!=", ">=", ">", "~=", "===", "in", "not in"};
  return kTexts[op];
}

}  // namespace

bool Marker::evaluate(const MarkerEnvironment& env) const {
  return nodes_.empty() || evaluate_node(nodes_.size() - 1, env);
}

bool Marker::evaluate_node(size_t index, const MarkerEnvironment& env) const {
  if (nodes_[index].kind != Node::Kind::kCompare) {
    // "a and b and c" is "(a and b) and c": chains grow to the left, one node per clause,
    // so the left spine is walked in a loop and only right operands recurse, which only
    // parentheses (kMaxDepth at most) nest. Short-circuiting is as with && and ||.
    std::vector<size_t> spine;
    for (; nodes_[index].kind != Node::Kind::kCompare; index = nodes_[index].left) {
      spine.push_back(index);
    }
    bool value = evaluate_node(index, env);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      const Node& node = nodes_[*it];
      // `and` needs its right operand when the left is true, `or` when it is false.
      if (value == (node.kind == Node::Kind::kAnd)) value = evaluate_node(node.right, env);
    }
    return value;
  }
  const Node& node = nodes_[index];

  std::string variable_value;
  auto found = env.find(node.variable);
  if (found != env.end()) {
    variable_value = found->second;
  } else if (node.variable != "extra") {
    fail(Status::kInternal, "the marker environment has no value for '" + node.variable + "'");
  }
  std::string value = node.value;
  // PEP 685 "Specification": extras compare by their normalised names.
  if (node.variable == "extra") {
    variable_value = normalize_project_name(variable_value);
    value = normalize_project_name(value);
  }
  const std::string& lhs = node.variable_first ? variable_value : value;
  const std::string& rhs = node.variable_first ? value : variable_value;

  if (node.op == Op::kIn) return rhs.find(lhs) != std::string::npos;
  if (node.op == Op::kNotIn) return rhs.find(lhs) == std::string::npos;

  std::string_view op = op_text(uint8_t(node.op));
  // PEP 508 "Environment Markers": the version_cmp operators follow PEP 440 where both
  // sides are valid for it, that is when "<op><right>" is a specifier and the left side a
  // version. Pre-releases match, as `packaging` evaluates them.
  if (node.op != Op::kArbitrary) {
    std::optional<Specifier> spec = parse_specifier(std::string(op) + rhs);
    std::optional<Version> version = spec ? parse_version(lhs) : std::nullopt;
    if (version) return spec->matches(*version);
  }
  // Otherwise PEP 508 falls back to Python's operator on the two strings. Python has no
  // "~=", for which PEP 508 asks for an error; here it is simply false.
  return string_compare(lhs, rhs, op);
}

std::string Marker::str() const {
  std::string out;
  if (!nodes_.empty()) append_node(nodes_.size() - 1, false, out);
  return out;
}

void Marker::append_node(size_t index, bool parenthesise_or, std::string& out) const {
  const Node& node = nodes_[index];
  if (node.kind == Node::Kind::kCompare) {
    char quote = node.value.find('"') == std::string::npos ? '"' : '\'';
    std::string quoted = quote + node.value + quote;
    out += node.variable_first ? node.variable : quoted;
    out += ' ';
    out += op_text(uint8_t(node.op));
    out += ' ';
    out += node.variable_first ? quoted : node.variable;
    return;
  }
  // The left spine in a loop, as in evaluate_node: "(" for each `or` that needs them
  // on the way down, then each operator, right operand and ")" on the way up.
  struct Step {
    size_t index;
    bool parens;
  };
  std::vector<Step> spine;
  for (; nodes_[index].kind != Node::Kind::kCompare; index = nodes_[index].left) {
    bool is_or = nodes_[index].kind == Node::Kind::kOr;
    spine.push_back({index, is_or && parenthesise_or});
    if (spine.back().parens) out += '(';
    parenthesise_or = !is_or;
  }
  append_node(index, parenthesise_or, out);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    bool is_or = nodes_[it->index].kind == Node::Kind::kOr;
    out += is_or ? " or " : " and ";
    append_node(nodes_[it->index].right, !is_or, out);
    if (it->parens) out += ')';
  }
}

// ---- Requirements -------------------------------------------------------------------------

namespace {

// PEP 508 "Extras": '[' wsp* extras_list? wsp* ']', after the '['.
std::vector<std::string> parse_extras(Cursor& in) {
  std::vector<std::string> extras;
  in.skip_wsp();
  if (in.eat(']')) return extras;
  while (true) {
    in.skip_wsp();
    std::string_view extra = in.take_identifier();
    if (extra.empty()) syntax_error("expected an extra name at " + in.where());
    std::string key = normalize_project_name(extra);
    if (std::find(extras.begin(), extras.end(), key) == extras.end()) extras.push_back(key);
    in.skip_wsp();
    if (in.eat(']')) return extras;
    if (!in.eat(',')) syntax_error("expected ',' or ']' at " + in.where());
  }
}

// PEP 508 "Versions": version_many = version_one (wsp* ',' version_one)*, where
// version_one = version_cmp version wsp*. The clauses are checked by PEP 440's rules. Like
// `packaging`, a trailing comma is accepted, and so is an empty list where `allow_empty`.
SpecifierSet parse_version_many(Cursor& in, bool allow_empty) {
  std::string clauses;
  while (true) {
    in.skip_wsp();
    std::string_view op = in.take_while(
        [](char c) { return c == '<' || c == '>' || c == '=' || c == '!' || c == '~'; });
    if (op.empty()) {
      if (!clauses.empty() || allow_empty) break;
      syntax_error("expected a version operator at " + in.where());
    }
    in.skip_wsp();
    std::string_view version = in.take_while(is_version_char);
    if (version.empty()) {
      syntax_error("expected a version after '" + std::string(op) + "' at " + in.where());
    }
    std::string clause = std::string(op) + std::string(version);
    if (!parse_specifier(clause)) syntax_error("invalid version specifier '" + clause + "'");
    if (!clauses.empty()) clauses += ',';
    clauses += clause;
    in.skip_wsp();
    if (!in.eat(',')) break;
  }
  std::optional<SpecifierSet> set = SpecifierSet::parse(clauses);
  if (!set) syntax_error("invalid version specifier '" + clauses + "'");
  return std::move(*set);
}

}  // namespace

Requirement parse_requirement(std::string_view text) {
  Requirement req;
  std::string_view trimmed = trim(text, kWsp);
  req.text = std::string(trimmed);
  Cursor in(trimmed);
  try {
    if (in.at_end()) syntax_error("it is empty");
    req.name = std::string(in.take_identifier());
    if (req.name.empty()) syntax_error("expected a project name at " + in.where());
    if (is_name_char(in.peek())) syntax_error("a project name must end with a letter or digit");
    req.key = normalize_project_name(req.name);
    in.skip_wsp();
    if (in.eat('[')) req.extras = parse_extras(in);
    in.skip_wsp();

    bool has_url = in.eat('@');
    if (has_url) {
      // PEP 508 "Complete Grammar": urlspec = '@' wsp* URI_reference, and url_req needs
      // wsp+ before its marker because ';' can occur in a URL.
      in.skip_wsp();
      req.url = std::string(in.take_while([](char c) { return !is_wsp(c); }));
      if (req.url.empty()) syntax_error("expected a URL after '@'");
    } else if (in.eat('(')) {
      req.specifiers = parse_version_many(in, true);
      in.skip_wsp();
      if (!in.eat(')')) syntax_error("expected ',' or ')' at " + in.where());
    } else if (!in.at_end() && in.peek() != ';') {
      req.specifiers = parse_version_many(in, false);
    }

    in.skip_wsp();
    if (in.eat(';')) {
      std::string why;
      req.marker = Marker::parse_or_explain(in.rest(), why);
      if (!req.marker) syntax_error("in its marker: " + why);
    } else if (!in.at_end()) {
      syntax_error(has_url ? "expected ';' after the URL at " + in.where()
                           : "expected ';' or the end at " + in.where());
    }
  } catch (const SyntaxError& e) {
    fail(Status::kBadPexInfo, "invalid requirement '" + req.text + "': " + e.why);
  }
  return req;
}

}  // namespace pexrc
