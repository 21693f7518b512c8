// PEP 508 dependency specifiers: requirements such as "requests[socks]>=2.8; os_name=='nt'"
// and the environment markers they carry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/pep440.h"

namespace pexrc {

/// Values of the marker variables (PEP 508 "Environment Markers"), keyed by their canonical
/// names ("python_version", "sys_platform", ...). The "extra" key holds the extra being
/// evaluated, "" (or no entry) for none.
using MarkerEnvironment = std::map<std::string, std::string>;

struct Requirement;
Requirement parse_requirement(std::string_view text);

/// A parsed environment marker such as `python_version < "3.8" and os_name == "posix"`.
class Marker {
 public:
  /// Parses a marker (PEP 508 "Environment Markers", "Complete Grammar"): comparisons of a
  /// marker variable with a quoted string (either side first), combined with `and`, which
  /// binds tighter than `or`, and parentheses. Operators are those of PEP 440 plus `in` and
  /// `not in`. The legacy names os.name, sys.platform, platform.version, platform.machine,
  /// platform.python_implementation and python_implementation are read as their PEP 508
  /// spellings. Throws Error(Status::kBadPexInfo, "invalid marker '<text>': <why>") on a
  /// syntax error or an unknown variable.
  static Marker parse(std::string_view text);

  /// Evaluates the marker against `env`. A comparison whose operator is a PEP 440 one and
  /// whose right side, prefixed with that operator, is a valid specifier, compares as
  /// versions when the left side is a valid version (pre-releases included); otherwise it
  /// compares the strings: `==`/`!=`/`===` by equality, `<`, `<=`, `>`, `>=` by byte order,
  /// and `~=` is false. `in`/`not in` test for a substring of the right side. For `extra`
  /// both sides are normalised first (PEP 685). Throws Error(Status::kInternal) when `env`
  /// lacks a variable the marker uses (a missing "extra" counts as "").
  bool evaluate(const MarkerEnvironment& env) const;

  /// A canonical spelling: variables by their PEP 508 names, single spaces around
  /// operators, values in double quotes (single quotes when the value holds a double
  /// quote), parentheses only where `or` is an operand of `and`.
  std::string str() const;

 private:
  class Parser;
  Marker() = default;
  friend Requirement parse_requirement(std::string_view text);

  enum class Op : uint8_t {
    kLess,
    kLessEqual,
    kEqual,
    kNotEqual,
    kGreaterEqual,
    kGreater,
    kCompatible,
    kArbitrary,
    kIn,
    kNotIn
  };

  struct Node {
    enum class Kind : uint8_t { kAnd, kOr, kCompare };
    Kind kind = Kind::kCompare;
    size_t left = 0;             ///< kAnd, kOr: index of the first operand in nodes_
    size_t right = 0;            ///< kAnd, kOr: index of the second operand in nodes_
    std::string variable;        ///< kCompare: the canonical variable name
    std::string value;           ///< kCompare: the quoted string, unquoted
    Op op = Op::kEqual;          ///< kCompare
    bool variable_first = true;  ///< kCompare: `var op value` rather than `value op var`
  };

  /// Parses `text`; on a syntax error returns nullopt and sets `why`.
  static std::optional<Marker> parse_or_explain(std::string_view text, std::string& why);

  bool evaluate_node(size_t index, const MarkerEnvironment& env) const;
  void append_node(size_t index, bool parenthesise_or, std::string& out) const;

  /// Operands precede the nodes that use them, so the root is the last node.
  std::vector<Node> nodes_;
};

/// One dependency specifier (PEP 508 "Specification").
struct Requirement {
  std::string name;  ///< as written
  std::string key;   ///< name normalised (PEP 503)
  /// Normalised (PEP 685), in the order written, without duplicates.
  std::vector<std::string> extras;
  SpecifierSet specifiers;       ///< empty for URL requirements and for "any version"
  std::optional<Marker> marker;  ///< the marker after ";", if any
  std::string url;               ///< the URL after "@", or ""
  std::string text;              ///< the requirement as written, minus surrounding whitespace
};

/// Parses a requirement by the grammar of PEP 508 "Complete Grammar": a name, optional
/// "[extras]", then either "@ url" or a version specifier list (with or without
/// parentheses), then optionally "; marker". Spaces and tabs are allowed between the parts.
/// As the grammar says, the marker of a URL requirement must be separated from the URL by
/// whitespace, since ";" may be part of a URL. Throws
/// Error(Status::kBadPexInfo, "invalid requirement '<text>': <why>").
Requirement parse_requirement(std::string_view text);

}  // namespace pexrc
