#include "injector/sbom/spdx_expression.h"

#include <algorithm>

#include "common/text.h"

namespace pexrc {
namespace {

bool is_idstring(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

bool is_operator(std::string_view word) { return word == "AND" || word == "OR" || word == "WITH"; }

// Recursive descent over words and parentheses; `refs` collects what it meets.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool parse(SpdxExpressionRefs& refs) {
    refs_ = &refs;
    return or_expression() && next().empty();
  }

 private:
  // The next token without taking it: "(", ")", a word, or "" at the end.
  std::string_view peek() {
    text_ = trim(text_);
    if (text_.empty()) return {};
    if (text_.front() == '(' || text_.front() == ')') return text_.substr(0, 1);
    return text_.substr(0, text_.find_first_of(" \t\r\n()"));
  }
  std::string_view next() {
    std::string_view token = peek();
    text_.remove_prefix(token.size());
    return token;
  }

  bool or_expression() {
    if (!and_expression()) return false;
    while (peek() == "OR") {
      next();
      if (!and_expression()) return false;
    }
    return true;
  }

  bool and_expression() {
    if (!term()) return false;
    while (peek() == "AND") {
      next();
      if (!term()) return false;
    }
    return true;
  }

  // "(" expression ")", or a simple expression with an optional exception.
  bool term() {
    std::string_view token = next();
    if (token == "(") {
      // A bound on nesting: the text comes from any wheel's METADATA.
      if (++depth_ > kMaxDepth) return false;
      bool ok = or_expression() && next() == ")";
      --depth_;
      return ok;
    }
    if (!simple_expression(token)) return false;
    if (peek() != "WITH") return true;
    next();
    std::string_view exception = next();
    return is_idstring(exception) && !is_operator(exception);
  }

  bool simple_expression(std::string_view word) {
    if (word.empty() || word == "(" || word == ")" || is_operator(word)) return false;
    size_t colon = word.find(':');
    if (colon != std::string_view::npos) {
      std::string_view document = word.substr(0, colon);
      if (!consume_prefix(document, "DocumentRef-") || !is_idstring(document)) return false;
      refs_->document_refs = true;
      return is_license_ref(word.substr(colon + 1));
    }
    if (word.starts_with("LicenseRef-")) {
      if (!is_license_ref(word)) return false;
      refs_->license_refs.emplace_back(word);
      return true;
    }
    consume_suffix(word, "+");
    return is_idstring(word);
  }

  static bool is_license_ref(std::string_view word) {
    return consume_prefix(word, "LicenseRef-") && is_idstring(word);
  }

  static constexpr int kMaxDepth = 64;
  std::string_view text_;
  SpdxExpressionRefs* refs_ = nullptr;
  int depth_ = 0;
};

}  // namespace

std::optional<SpdxExpressionRefs> parse_spdx_expression(std::string_view expression) {
  SpdxExpressionRefs refs;
  if (!Parser(expression).parse(refs)) return std::nullopt;
  std::sort(refs.license_refs.begin(), refs.license_refs.end());
  refs.license_refs.erase(std::unique(refs.license_refs.begin(), refs.license_refs.end()),
                          refs.license_refs.end());
  return refs;
}

}  // namespace pexrc
