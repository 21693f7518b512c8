#include "common/pep440.h"

#include <algorithm>
#include <initializer_list>

#include "common/text.h"

namespace pexrc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (to_lower(c) >= 'a' && to_lower(c) <= 'z'); }
bool is_separator(char c) { return c == '.' || c == '-' || c == '_'; }

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

int sign(int x) { return (x > 0) - (x < 0); }
int three_way(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

// Reads a version left to right. Every method either consumes what it matched or nothing,
// which is all the backtracking the PEP 440 grammar needs. Letters compare case-insensitively
// (PEP 440 "Case sensitivity").
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool at_end() const { return pos_ == s_.size(); }
  bool overflowed() const { return overflowed_; }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? to_lower(s_[pos_ + ahead]) : '\0';
  }
  char take() { return to_lower(s_[pos_++]); }

  bool eat(char c) { return peek() == c ? (++pos_, true) : false; }
  bool eat_separator() { return is_separator(peek()) ? (++pos_, true) : false; }

  // Consumes the first of `words` the input continues with; -1 if none.
  int eat_word(std::initializer_list<std::string_view> words) {
    int index = 0;
    for (std::string_view w : words) {
      size_t i = 0;
      while (i < w.size() && peek(i) == w[i]) ++i;
      if (i == w.size()) {
        pos_ += i;
        return index;
      }
      ++index;
    }
    return -1;
  }

  // Reads a run of digits into `out`; false (and `out` untouched) when there is none.
  bool digits(uint64_t& out) {
    if (!is_digit(peek())) return false;
    uint64_t n = 0;
    while (is_digit(peek())) {
      uint64_t d = uint64_t(take() - '0');
      if (n > (UINT64_MAX - d) / 10) overflowed_ = true;
      n = n * 10 + d;
    }
    out = n;
    return true;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  bool overflowed_ = false;
};

// "[sep]label[sep][N]": the separators and implicit zero that PEP 440 "Normalization" allows
// around pre-, post- and dev-release labels. Returns the index of the label, or -1.
int labelled_number(Scanner& in, std::initializer_list<std::string_view> labels, uint64_t& number) {
  size_t start = in.pos();
  in.eat_separator();
  int which = in.eat_word(labels);
  if (which < 0) {
    in.reset(start);
    return -1;
  }
  in.eat_separator();
  number = 0;
  in.digits(number);
  return which;
}

void parse_suffixes(Scanner& in, Version& v) {
  uint64_t n = 0;
  // Longer spellings first so that "alpha" is not read as "a" followed by junk.
  static constexpr PreKind kPreKinds[] = {PreKind::kAlpha, PreKind::kAlpha, PreKind::kBeta,
                                          PreKind::kBeta,  PreKind::kRc,    PreKind::kRc,
                                          PreKind::kRc,    PreKind::kRc};
  int pre = labelled_number(in, {"alpha", "a", "beta", "b", "preview", "pre", "rc", "c"}, n);
  if (pre >= 0) v.pre = PreRelease{kPreKinds[pre], n};

  // "1.0-1" is the implicit post-release spelling of "1.0.post1".
  if (in.peek() == '-' && is_digit(in.peek(1))) {
    in.eat('-');
    in.digits(n);
    v.post = n;
  } else if (labelled_number(in, {"post", "rev", "r"}, n) >= 0) {
    v.post = n;
  }

  if (labelled_number(in, {"dev"}, n) >= 0) v.dev = n;
}

// PEP 440 "Local version identifiers": alphanumeric segments; "-" and "_" normalise to ".".
bool parse_local(Scanner& in, Version& v) {
  do {
    std::string segment;
    while (is_alnum(in.peek())) segment += in.take();
    if (segment.empty()) return false;
    if (all_digits(segment)) {
      size_t zeros = std::min(segment.find_first_not_of('0'), segment.size() - 1);
      segment.erase(0, zeros);
    }
    v.local.push_back(std::move(segment));
  } while (in.eat_separator());
  return true;
}

int compare_release(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    int c = three_way(i < a.size() ? a[i] : 0, i < b.size() ? b[i] : 0);
    if (c != 0) return c;
  }
  return 0;
}

// PEP 440 orders "X.devN" before every pre-release of X, hence the three tiers.
int suffix_tier(const Version& v) {
  if (v.pre) return 1;
  return (v.dev && !v.post) ? 0 : 2;
}

// PEP 440 "Local version identifiers": numeric segments compare as integers and sort after
// alphanumeric ones; a longer label that extends a shorter one sorts after it.
int compare_local(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    bool a_num = all_digits(a[i]), b_num = all_digits(b[i]);
    if (a_num != b_num) return a_num ? 1 : -1;
    // Leading zeros were dropped while parsing, so longer numbers are larger.
    if (a_num && a[i].size() != b[i].size()) return a[i].size() < b[i].size() ? -1 : 1;
    if (int c = sign(a[i].compare(b[i]))) return c;
  }
  return three_way(a.size(), b.size());
}

int compare_impl(const Version& a, const Version& b, bool ignore_local) {
  if (int c = three_way(a.epoch, b.epoch)) return c;
  if (int c = compare_release(a.release, b.release)) return c;
  if (int c = suffix_tier(a) - suffix_tier(b)) return sign(c);
  if (a.pre && b.pre) {
    if (int c = int(a.pre->kind) - int(b.pre->kind)) return sign(c);
    if (int c = three_way(a.pre->number, b.pre->number)) return c;
  }
  if (int c = int(a.post.has_value()) - int(b.post.has_value())) return c;
  if (a.post && b.post) {
    if (int c = three_way(*a.post, *b.post)) return c;
  }
  // A developmental release sorts before the release it leads up to.
  if (int c = int(b.dev.has_value()) - int(a.dev.has_value())) return c;
  if (a.dev && b.dev) {
    if (int c = three_way(*a.dev, *b.dev)) return c;
  }
  return ignore_local ? 0 : compare_local(a.local, b.local);
}

// Epoch and release equal once padded with zeros ("base_version" in `packaging`).
bool same_base(const Version& a, const Version& b) {
  return a.epoch == b.epoch && compare_release(a.release, b.release) == 0;
}

bool same_pre(const Version& a, const Version& b) {
  if (!a.pre || !b.pre) return !a.pre && !b.pre;
  return a.pre->kind == b.pre->kind && a.pre->number == b.pre->number;
}

// PEP 440 "Version matching" prefix rule: the candidate's release, zero padded, starts with
// the first `count` components of `prefix`.
bool prefix_matches(const Version& v, const Version& prefix, size_t count) {
  if (v.epoch != prefix.epoch) return false;
  for (size_t i = 0; i < count; ++i) {
    if ((i < v.release.size() ? v.release[i] : 0) != prefix.release[i]) return false;
  }
  return true;
}

struct OpSpelling {
  std::string_view text;
  Specifier::Op op;
};

// "===" precedes "==" so that the longest operator wins.
constexpr OpSpelling kOps[] = {
    {"===", Specifier::Op::kArbitrary}, {"~=", Specifier::Op::kCompatible},
    {"==", Specifier::Op::kEqual},      {"!=", Specifier::Op::kNotEqual},
    {"<=", Specifier::Op::kLessEqual},  {">=", Specifier::Op::kGreaterEqual},
    {"<", Specifier::Op::kLess},        {">", Specifier::Op::kGreater},
};

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
  Scanner in(trim(text));
  Version v;
  uint64_t n = 0;
  in.eat('v');
  if (!in.digits(n)) return std::nullopt;
  if (in.eat('!')) {
    v.epoch = n;
    if (!in.digits(n)) return std::nullopt;
  }
  v.release.push_back(n);
  while (in.peek() == '.' && is_digit(in.peek(1))) {
    in.eat('.');
    in.digits(n);
    v.release.push_back(n);
  }
  parse_suffixes(in, v);
  if (in.eat('+') && !parse_local(in, v)) return std::nullopt;
  if (!in.at_end() || in.overflowed()) return std::nullopt;
  return v;
}

std::string Version::str() const {
  std::string out;
  if (epoch != 0) out += std::to_string(epoch) + "!";
  for (size_t i = 0; i < release.size(); ++i) {
    if (i > 0) out += '.';
    out += std::to_string(release[i]);
  }
  if (pre) {
    static constexpr std::string_view kNames[] = {"a", "b", "rc"};
    out += kNames[int(pre->kind)];
    out += std::to_string(pre->number);
  }
  if (post) out += ".post" + std::to_string(*post);
  if (dev) out += ".dev" + std::to_string(*dev);
  for (size_t i = 0; i < local.size(); ++i) {
    out += i == 0 ? '+' : '.';
    out += local[i];
  }
  return out;
}

int compare(const Version& a, const Version& b) { return compare_impl(a, b, false); }

std::optional<Specifier> parse_specifier(std::string_view text) {
  text = trim(text);
  Specifier spec;
  const OpSpelling* op = std::find_if(std::begin(kOps), std::end(kOps), [&](const OpSpelling& o) {
    return text.starts_with(o.text);
  });
  if (op == std::end(kOps)) return std::nullopt;
  spec.op = op->op;
  std::string_view rest = trim(text.substr(op->text.size()));
  if (rest.empty() || rest.find_first_of(kAsciiSpace) != std::string_view::npos)
    return std::nullopt;
  spec.version_text = std::string(rest);

  // PEP 440 "Arbitrary equality": any string, compared as text. It is still parsed when it
  // can be so that a pre-release named this way opts in to pre-releases, as for "==".
  if (spec.op == Specifier::Op::kArbitrary) {
    spec.version = parse_version(rest).value_or(Version{});
    return spec;
  }

  bool equality = spec.op == Specifier::Op::kEqual || spec.op == Specifier::Op::kNotEqual;
  if (equality && consume_suffix(rest, ".*")) spec.wildcard = true;
  std::optional<Version> v = parse_version(rest);
  if (!v) return std::nullopt;
  // A prefix match names only a release ("Version matching"); like `packaging` this also
  // refuses pre- and post-release prefixes, which PEP 440 leaves legal but meaningless.
  if (spec.wildcard && (v->pre || v->post || v->dev || !v->local.empty())) return std::nullopt;
  // Local labels are only meaningful for "==" and "!=" ("Compatible release",
  // "Inclusive/Exclusive ordered comparison").
  if (!equality && !v->local.empty()) return std::nullopt;
  // "~=1" has no prefix to keep ("Compatible release").
  if (spec.op == Specifier::Op::kCompatible && v->release.size() < 2) return std::nullopt;
  spec.version = std::move(*v);
  return spec;
}

bool Specifier::matches(const Version& v) const {
  switch (op) {
    case Op::kCompatible:
      // "~=V.N" is ">=V.N, ==V.*"; suffixes of the spec play no part in the prefix.
      return compare_impl(v, version, true) >= 0 &&
             prefix_matches(v, version, version.release.size() - 1);
    case Op::kEqual:
    case Op::kNotEqual: {
      bool equal = wildcard ? prefix_matches(v, version, version.release.size())
                            : compare_impl(v, version, version.local.empty()) == 0;
      return equal == (op == Op::kEqual);
    }
    case Op::kLessEqual:
      return compare_impl(v, version, true) <= 0;
    case Op::kGreaterEqual:
      return compare_impl(v, version, true) >= 0;
    case Op::kLess: {
      // "<V" must not admit a pre-release of V unless V is one itself ("Exclusive ordered
      // comparison"): V.dev0 is the earliest of them, so it becomes the bound. Like
      // `packaging` 26, and unlike 24, "<1.0.post1" admits 1.0rc1: that is 1.0's pre-release.
      if (version.is_prerelease()) return compare_impl(v, version, true) < 0;
      Version earliest = version;
      earliest.dev = 0;
      return compare_impl(v, earliest, true) < 0;
    }
    case Op::kGreater:
      // ">V" must not admit a post-release of V unless V is one itself. Only a V without
      // post or dev suffix has post-releases: 1.7.post1 is not one of 1.7rc1 or 1.7.dev1.
      // Comparing without the local label keeps out "V+local" too.
      if (compare_impl(v, version, true) <= 0) return false;
      return !v.post || version.post || version.dev || !same_base(v, version) ||
             !same_pre(v, version);
    case Op::kArbitrary:
      return equals_ignoring_case(v.str(), version_text);
  }
  return false;
}

// `packaging` lets every operator but "!=" opt in: "!=1.0a1" excludes a pre-release, so
// it cannot be a request for pre-releases.
bool Specifier::admits_prereleases() const {
  return op != Op::kNotEqual && version.is_prerelease();
}

std::string Specifier::str() const {
  for (const OpSpelling& o : kOps) {
    if (o.op == op) return std::string(o.text) + version_text;
  }
  return version_text;
}

std::optional<SpecifierSet> SpecifierSet::parse(std::string_view text) {
  SpecifierSet set;
  while (true) {
    size_t comma = text.find(',');
    std::string_view clause = trim(text.substr(0, comma));
    if (!clause.empty()) {
      std::optional<Specifier> spec = parse_specifier(clause);
      if (!spec) return std::nullopt;
      set.specifiers_.push_back(std::move(*spec));
    }
    if (comma == std::string_view::npos) return set;
    text.remove_prefix(comma + 1);
  }
}

// PEP 440 "Handling of pre-releases", with the opt-in rule of `packaging`: a set accepts
// pre-releases when asked to or when one of its clauses names one.
bool SpecifierSet::contains(const Version& v, bool prereleases_allowed) const {
  bool prereleases =
      prereleases_allowed || std::any_of(specifiers_.begin(), specifiers_.end(),
                                         [](const Specifier& s) { return s.admits_prereleases(); });
  if (v.is_prerelease() && !prereleases) return false;
  return std::all_of(specifiers_.begin(), specifiers_.end(),
                     [&](const Specifier& s) { return s.matches(v); });
}

std::string SpecifierSet::str() const {
  std::string out;
  for (const Specifier& s : specifiers_) {
    if (!out.empty()) out += ',';
    out += s.str();
  }
  return out;
}

}  // namespace pexrc
