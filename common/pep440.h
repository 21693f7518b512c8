// PEP 440 version identifiers and version specifiers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// Pre-release phases in their PEP 440 order: a < b < rc.
enum class PreKind : uint8_t { kAlpha, kBeta, kRc };

struct PreRelease {
  PreKind kind;
  uint64_t number;
};

/// A parsed version: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local].
struct Version {
  uint64_t epoch = 0;
  std::vector<uint64_t> release;  ///< never empty once parsed
  std::optional<PreRelease> pre;
  std::optional<uint64_t> post;
  std::optional<uint64_t> dev;
  /// Local label segments, lower-cased; all-digit segments have leading zeros dropped.
  std::vector<std::string> local;

  /// True for pre-releases and developmental releases (PEP 440 "Handling of pre-releases").
  bool is_prerelease() const { return pre.has_value() || dev.has_value(); }
  bool is_postrelease() const { return post.has_value(); }

  /// The normalised spelling, e.g. "1!2.0rc1.post3.dev4+ubuntu.1".
  std::string str() const;
};

/// Parses a version, accepting every spelling PEP 440 "Normalization" allows: any case,
/// surrounding whitespace, a leading "v", "alpha"/"beta"/"c"/"pre"/"preview"/"rev"/"r"
/// spellings, "."/"-"/"_" separators, implicit numbers ("1.0a" is "1.0a0") and the implicit
/// post-release "1.0-1". Returns nullopt for anything else, and for numbers that do not fit
/// in 64 bits.
std::optional<Version> parse_version(std::string_view text);

/// Orders two versions per PEP 440 "Summary of permitted suffixes and relative ordering":
/// negative, zero or positive like strcmp. Trailing zeros of the release are insignificant.
int compare(const Version& a, const Version& b);

/// One clause of a specifier set, e.g. ">=3.9" or "==3.11.*".
struct Specifier {
  enum class Op {
    kCompatible,
    kEqual,
    kNotEqual,
    kLessEqual,
    kGreaterEqual,
    kLess,
    kGreater,
    kArbitrary
  };

  Op op = Op::kEqual;
  std::string version_text;  ///< as written after the operator, including any ".*"
  bool wildcard = false;     ///< "==X.*" or "!=X.*" prefix matching
  Version version;           ///< version_text parsed, minus ".*"; "===": only if it parses

  /// Whether `v` satisfies the operator, ignoring the pre-release policy of SpecifierSet.
  /// "<V" and ">V" exclude pre- and post-releases of exactly V, as PEP 440 words it.
  bool matches(const Version& v) const;
  /// Whether the clause names a pre-release with any operator but "!=", which opts the whole
  /// set into accepting pre-releases (as the `packaging` library decides it).
  bool admits_prereleases() const;
  std::string str() const;
};

/// Parses one clause; nullopt when the operator or version is invalid for that operator.
std::optional<Specifier> parse_specifier(std::string_view text);

/// A comma separated list of clauses that must all hold (PEP 440 "Version specifiers").
class SpecifierSet {
 public:
  /// Clauses are separated by commas; empty clauses are skipped, so "" is the empty set.
  static std::optional<SpecifierSet> parse(std::string_view text);

  /// True when every clause holds. Pre-releases are accepted only when
  /// `prereleases_allowed` or some clause admits_prereleases(); apart from that the empty set
  /// accepts everything.
  bool contains(const Version& v, bool prereleases_allowed = false) const;

  const std::vector<Specifier>& specifiers() const { return specifiers_; }
  bool empty() const { return specifiers_.empty(); }

  /// The clauses in their original order, joined by ",".
  std::string str() const;

 private:
  std::vector<Specifier> specifiers_;
};

}  // namespace pexrc
