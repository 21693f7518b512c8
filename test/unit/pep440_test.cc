#include "common/pep440.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace pexrc {
namespace {

Version v(std::string_view text) {
  std::optional<Version> parsed = parse_version(text);
  REQUIRE_MESSAGE(parsed.has_value(), "bad test version ", std::string(text));
  return *parsed;
}

std::string normal(std::string_view text) {
  std::optional<Version> parsed = parse_version(text);
  return parsed ? parsed->str() : "<invalid>";
}

int cmp(std::string_view a, std::string_view b) { return compare(v(a), v(b)); }

// Whether `version` is in the set; the set must parse.
bool in(std::string_view specifiers, std::string_view version, bool prereleases = false) {
  std::optional<SpecifierSet> set = SpecifierSet::parse(specifiers);
  REQUIRE_MESSAGE(set.has_value(), "bad test specifier ", std::string(specifiers));
  return set->contains(v(version), prereleases);
}

bool parses(std::string_view specifiers) { return SpecifierSet::parse(specifiers).has_value(); }

TEST_CASE("pep440: fields of a full version") {
  Version x = v("1!2.3.4rc5.post6.dev7+abc.8");
  CHECK(x.epoch == 1);
  CHECK(x.release == std::vector<uint64_t>{2, 3, 4});
  REQUIRE(x.pre.has_value());
  CHECK(x.pre->kind == PreKind::kRc);
  CHECK(x.pre->number == 5);
  CHECK(x.post == 6u);
  CHECK(x.dev == 7u);
  CHECK(x.local == std::vector<std::string>{"abc", "8"});
  CHECK(x.is_prerelease());
  CHECK(x.is_postrelease());
  CHECK(x.str() == "1!2.3.4rc5.post6.dev7+abc.8");

  Version plain = v("3.12.1");
  CHECK(plain.epoch == 0);
  CHECK(!plain.pre);
  CHECK(!plain.post);
  CHECK(!plain.dev);
  CHECK(plain.local.empty());
  CHECK(!plain.is_prerelease());
  CHECK(v("1.0.dev1").is_prerelease());
  CHECK(!v("1.0.post1").is_prerelease());
}

// Every rule of PEP 440 "Normalization", in the order the PEP lists them.
TEST_CASE("pep440: normalisation") {
  CHECK(normal("1.1RC1") == "1.1rc1");          // case sensitivity
  CHECK(normal("1.0+UbUnTu") == "1.0+ubuntu");  //
  CHECK(normal("00") == "0");                   // integer normalisation
  CHECK(normal("09000") == "9000");
  CHECK(normal("1.0.01") == "1.0.1");
  CHECK(normal("1.1.a1") == "1.1a1");  // pre-release separators
  CHECK(normal("1.1-a1") == "1.1a1");
  CHECK(normal("1.1_a1") == "1.1a1");
  CHECK(normal("1.0a.1") == "1.0a1");
  CHECK(normal("1.0a-1") == "1.0a1");
  CHECK(normal("1.1alpha1") == "1.1a1");  // pre-release spelling
  CHECK(normal("1.1beta2") == "1.1b2");
  CHECK(normal("1.1c3") == "1.1rc3");
  CHECK(normal("1.1pre4") == "1.1rc4");
  CHECK(normal("1.1preview5") == "1.1rc5");
  CHECK(normal("1.2a") == "1.2a0");  // implicit pre-release number
  CHECK(normal("1.2.beta") == "1.2b0");
  CHECK(normal("1.2-post2") == "1.2.post2");  // post-release separators
  CHECK(normal("1.2_post2") == "1.2.post2");
  CHECK(normal("1.2post2") == "1.2.post2");
  CHECK(normal("1.2.post.2") == "1.2.post2");
  CHECK(normal("1.2.post-2") == "1.2.post2");
  CHECK(normal("1.0-r4") == "1.0.post4");  // post-release spelling
  CHECK(normal("1.0rev4") == "1.0.post4");
  CHECK(normal("1.2.post") == "1.2.post0");  // implicit post-release number
  CHECK(normal("1.2-r") == "1.2.post0");
  CHECK(normal("1.0-1") == "1.0.post1");  // implicit post release
  CHECK(normal("1.0a1-7") == "1.0a1.post7");
  CHECK(normal("1.2-dev2") == "1.2.dev2");  // development release separators
  CHECK(normal("1.2dev2") == "1.2.dev2");
  CHECK(normal("1.2_dev-2") == "1.2.dev2");
  CHECK(normal("1.2.dev") == "1.2.dev0");           // implicit development release number
  CHECK(normal("1.0+ubuntu-1") == "1.0+ubuntu.1");  // local version segments
  CHECK(normal("1.0+ubuntu_1") == "1.0+ubuntu.1");
  CHECK(normal("1.0+001.a") == "1.0+1.a");
  CHECK(normal("v1.0") == "1.0");  // preceding v
  CHECK(normal("V1!2") == "1!2");
  CHECK(normal("  1.0\t\n") == "1.0");  // leading and trailing whitespace
  CHECK(normal("0!1.0") == "1.0");      // a zero epoch is not written
  CHECK(normal("1.0a.dev1") == "1.0a0.dev1");
  CHECK(normal("1.0.post.dev") == "1.0.post0.dev0");
  CHECK(normal("18446744073709551615") == "18446744073709551615");
}

TEST_CASE("pep440: invalid versions") {
  constexpr std::string_view kBadShape[] = {
      "",     "  ",    "v",     "vv1",      "a1",    "1.",      ".1",   "1..0",
      "1,0",  "1.0 1", "1!",    "!1",       "1!!2",  "1.0-",    "1.0_", "1.0.",
      "1.0*", "1.0.*", "1.0.x", "1.0gamma", "1.0ab", "1.0-1-1",
  };
  constexpr std::string_view kBadSuffixes[] = {
      "1.0+",           "1.0+a.",     "1.0+a..b",      "1.0+a_",  "1.0+-a",
      "1.0+a+b",        "1.0+a b",    "1.0+ä",         "1.0a1a2", "1.0.post1.post2",
      "1.0.dev1.post1", "1.0.dev1a1", "1.0.dev1.dev2",
  };
  for (std::string_view bad : kBadShape) {
    CHECK_MESSAGE(!parse_version(bad).has_value(), "accepted '", std::string(bad), "'");
  }
  for (std::string_view bad : kBadSuffixes) {
    CHECK_MESSAGE(!parse_version(bad).has_value(), "accepted '", std::string(bad), "'");
  }
  // Numbers must fit in 64 bits (Python's are unbounded; no real version comes close).
  CHECK(!parse_version("18446744073709551616").has_value());
  CHECK(!parse_version("1.0a99999999999999999999").has_value());
}

TEST_CASE("pep440: ordering from the PEP's summary of suffixes") {
  // PEP 440 "Summary of permitted suffixes and relative ordering", strictly increasing.
  std::vector<std::string_view> order = {
      "1.dev0",
      "1.0.dev456",
      "1.0a1",
      "1.0a2.dev456",
      "1.0a12.dev456",
      "1.0a12",
      "1.0b1.dev456",
      "1.0b2",
      "1.0b2.post345.dev456",
      "1.0b2.post345",
      "1.0rc1.dev456",
      "1.0rc1",
      "1.0",
      "1.0+abc.5",
      "1.0+abc.7",
      "1.0+5",
      "1.0.post456.dev34",
      "1.0.post456",
      "1.0.15",
      "1.1.dev1",
  };
  for (size_t i = 0; i < order.size(); ++i) {
    for (size_t j = 0; j < order.size(); ++j) {
      int expected = (i > j) - (i < j);
      CHECK_MESSAGE(cmp(order[i], order[j]) == expected, order[i], " vs ", order[j]);
    }
  }
}

TEST_CASE("pep440: ordering details") {
  CHECK(cmp("1.0", "1.0.0") == 0);  // trailing zeros are insignificant
  CHECK(cmp("1", "1.0.0.0") == 0);
  CHECK(cmp("1.0.0.1", "1") > 0);
  CHECK(cmp("1.0a", "1.0a0") == 0);
  CHECK(cmp("1.0", "0!1.0") == 0);
  CHECK(cmp("1!0.1", "2024.1") > 0);  // epoch first
  CHECK(cmp("1.10", "1.9") > 0);      // numeric, not textual
  CHECK(cmp("1.0rc1", "1.0c1") == 0);
  CHECK(cmp("1.0a2", "1.0b1") < 0);
  CHECK(cmp("1.0b9", "1.0rc1") < 0);
  CHECK(cmp("1.0.dev1", "1.0a0.dev0") < 0);
  CHECK(cmp("1.0a1.post1", "1.0a2.dev0") < 0);
  CHECK(cmp("1.0.post1.dev1", "1.0") > 0);
  CHECK(cmp("1.0.post1.dev1", "1.0.post1") < 0);
  // Local labels (PEP 440 "Local version identifiers").
  CHECK(cmp("1.0+local", "1.0") > 0);
  CHECK(cmp("1.0+local", "1.0.post1") < 0);
  CHECK(cmp("1.0+1", "1.0+abc") > 0);  // numbers sort after words
  CHECK(cmp("1.0+abc", "1.0+abd") < 0);
  CHECK(cmp("1.0+abc", "1.0+abc.0") < 0);  // an extended label sorts later
  CHECK(cmp("1.0+10", "1.0+9") > 0);
  CHECK(cmp("1.0+01", "1.0+1") == 0);
  CHECK(cmp("1.0+ABC", "1.0+abc") == 0);
  CHECK(cmp("1.0+ubuntu-1", "1.0+ubuntu.1") == 0);
  CHECK(cmp("1.0+99999999999999999999", "1.0+9999999999999999999") > 0);
  CHECK(cmp("1.0+00000000000000000000002", "1.0+10") < 0);
}

TEST_CASE("pep440: ~= compatible release") {
  // The PEP's "Compatible release" examples.
  CHECK(in("~=2.2", "2.2"));
  CHECK(in("~=2.2", "2.3"));
  CHECK(in("~=2.2", "2.9.9"));
  CHECK(!in("~=2.2", "3.0"));
  CHECK(!in("~=2.2", "2.1.9"));
  CHECK(in("~=1.4.5", "1.4.5"));
  CHECK(in("~=1.4.5", "1.4.99"));
  CHECK(!in("~=1.4.5", "1.5.0"));
  CHECK(!in("~=1.4.5", "1.4.4"));
  CHECK(in("~=2.2.post3", "2.2.post3"));
  CHECK(in("~=2.2.post3", "2.3"));
  CHECK(!in("~=2.2.post3", "2.2"));
  CHECK(!in("~=2.2.post3", "3.0"));
  CHECK(in("~=1.4.5a4", "1.4.5a4"));  // names a pre-release, so admits them
  CHECK(in("~=1.4.5a4", "1.4.5"));
  CHECK(in("~=1.4.5a4", "1.4.6b1"));
  CHECK(!in("~=1.4.5a4", "1.4.5a3"));
  CHECK(!in("~=1.4.5a4", "1.5.0"));
  CHECK(in("~=2.2.0", "2.2"));  // zero padding
  CHECK(in("~=1!2.3", "1!2.5"));
  CHECK(!in("~=1!2.3", "2.5"));
  CHECK(in("~=3.9", "3.9.7+local"));
  CHECK(!in("~=2.2", "2.3rc1"));
  CHECK(in("~=2.2", "2.3rc1", true));
  CHECK(!parses("~=1"));
  CHECK(!parses("~=1.0.*"));
  CHECK(!parses("~=1.0+local"));
}

TEST_CASE("pep440: == and != exact matching") {
  CHECK(in("==1.0", "1.0"));
  CHECK(in("==1.0", "1.0.0"));
  CHECK(in("==1", "1.0"));
  CHECK(in("==1.0", "1.0+anything"));  // a public spec ignores the candidate's label
  CHECK(!in("==1.0", "1.0.post1"));
  CHECK(!in("==1.0", "1.0.1"));
  CHECK(!in("==1.0", "1!1.0"));
  CHECK(in("==1.0+local", "1.0+local"));
  CHECK(in("==1.0+Local-1", "1.0+local.1"));
  CHECK(!in("==1.0+local", "1.0"));
  CHECK(!in("==1.0+local", "1.0+other"));
  CHECK(!in("==1.0+local", "1.0+local.1"));
  CHECK(in("==1.0rc1", "1.0rc1"));
  CHECK(in("==v1.0", "1.0"));
  CHECK(!in("!=1.0", "1.0"));
  CHECK(!in("!=1.0", "1.0+local"));
  CHECK(in("!=1.0", "1.0.post1"));
  CHECK(in("!=1.0+local", "1.0"));
  CHECK(!in("!=1.0+local", "1.0+local"));
}

TEST_CASE("pep440: == and != prefix matching") {
  CHECK(in("==3.9.*", "3.9"));
  CHECK(in("==3.9.*", "3.9.7"));
  CHECK(in("==3.9.*", "3.9.0.0"));
  CHECK(in("==3.9.*", "3.9.7+local"));
  CHECK(in("==3.9.*", "3.9.post1"));
  CHECK(!in("==3.9.*", "3.10"));
  CHECK(!in("==3.9.*", "3.1"));
  CHECK(!in("==3.9.*", "39.0"));
  CHECK(!in("==3.9.*", "3.9.0rc1"));  // pre-releases still need opting in
  CHECK(in("==3.9.*", "3.9.0rc1", true));
  CHECK(in("==3.9.*", "3.9.dev0", true));
  CHECK(in("==3.9.0.*", "3.9"));  // zero padding of the candidate
  CHECK(!in("==3.9.1.*", "3.9"));
  CHECK(in("==3.*", "3.13.1"));
  CHECK(!in("==3.*", "4.0"));
  CHECK(in("==0!3.*", "3.1"));
  CHECK(!in("==1!3.*", "3.1"));
  CHECK(in("==1!3.*", "1!3.1"));
  CHECK(!in("!=3.9.*", "3.9.1"));
  CHECK(in("!=3.9.*", "3.10"));
  CHECK(!parses("==1.0a1.*"));
  CHECK(!parses("==1.0.post1.*"));
  CHECK(!parses("==1.0.dev1.*"));
  CHECK(!parses("==1.0+local.*"));
  CHECK(!parses("==1.0.*.*"));
  CHECK(!parses("==1.0 .*"));
  CHECK(!parses("==.*"));
  CHECK(!parses(">=1.0.*"));
  CHECK(!parses("<1.0.*"));
}

TEST_CASE("pep440: inclusive ordered comparison") {
  CHECK(in("<=1.0", "1.0"));
  CHECK(in("<=1.0", "0.9"));
  CHECK(in("<=1.0", "1.0+local"));  // the candidate's label is ignored
  CHECK(!in("<=1.0", "1.0.post1"));
  CHECK(!in("<=1.0", "1.0.1"));
  CHECK(in(">=1.0", "1.0"));
  CHECK(in(">=1.0", "1.0+local"));
  CHECK(in(">=1.0", "1.0.post1"));
  CHECK(!in(">=1.0", "0.9.9"));
  CHECK(!in(">=1.0", "1.0rc1", true));
  CHECK(!parses("<=1.0+local"));
  CHECK(!parses(">=1.0+local"));
}

TEST_CASE("pep440: exclusive ordered comparison") {
  CHECK(in("<3.1", "3.0"));
  CHECK(in("<3.1", "3.0.post1"));
  CHECK(in("<3.1", "3.0.dev0", true));
  CHECK(!in("<3.1", "3.1"));
  CHECK(!in("<3.1", "3.1.dev0", true));  // no pre-release of the version named
  CHECK(!in("<3.1", "3.1a1", true));
  CHECK(!in("<3.1", "3.1+local"));
  CHECK(!in("<3.1.0", "3.1rc1", true));
  CHECK(in("<3.1a2", "3.1a1"));  // unless it names a pre-release itself
  CHECK(in("<3.1a2", "3.1.dev0"));
  CHECK(!in("<3.1a2", "3.1a2"));
  CHECK(in(">1.7", "1.7.1"));
  CHECK(in(">1.7", "1.8"));
  CHECK(in(">1.7", "1.8.post1"));
  CHECK(!in(">1.7", "1.7"));
  CHECK(!in(">1.7", "1.7.post2"));  // no post-release of the version named
  CHECK(!in(">1.7", "1.7.0.post1"));
  CHECK(!in(">1.7", "1.7+local"));
  CHECK(!in(">1.7", "1.7.post1+local"));
  CHECK(in(">1.7.post2", "1.7.post3"));  // unless it names a post-release itself
  CHECK(!in(">1.7.post2", "1.7.post2"));
  CHECK(!in(">1.7.post2", "1.7.post2+local"));
  CHECK(in(">1.7.post2", "1.8"));
  CHECK(in(">1.7a1", "1.7"));
  CHECK(in(">1.7a1", "1.7a2"));
  // "Of the given version" is meant literally, as in `packaging` 26 (24.x differs here).
  CHECK(in(">1.7rc1", "1.7.post1"));
  CHECK(in(">1.7rc1", "1.7+local"));
  CHECK(!in(">1.7rc1", "1.7rc1.post1"));
  CHECK(!in(">1.7rc1", "1.7rc1+local"));
  CHECK(in(">1.0.dev1", "1.0.post1"));
  CHECK(in(">1.0.dev1", "1.0.dev2"));
  CHECK(!in(">1.0.dev1", "1.0.dev1+local"));
  CHECK(in("<1.0.post1", "1.0"));
  CHECK(in("<1.0.post1", "1.0rc1", true));
  CHECK(!in("<1.0.post1", "1.0.post1.dev0", true));
  CHECK(!parses("<1.0+local"));
  CHECK(!parses(">1.0+local"));
}

TEST_CASE("pep440: === arbitrary equality") {
  CHECK(in("===1.0", "1.0"));
  CHECK(!in("===1.0", "1.0.0"));
  CHECK(!in("===1.0", "1.0+local"));
  CHECK(in("===1.0RC1", "1.0rc1"));  // case-insensitive, and names a pre-release
  CHECK(in("===1.0+Local", "1.0+local"));
  CHECK(!in("===foobar", "1.0"));
  std::optional<SpecifierSet> odd = SpecifierSet::parse("===foobar");
  REQUIRE(odd.has_value());
  CHECK(odd->specifiers()[0].version_text == "foobar");
  CHECK(!parses("==="));
}

TEST_CASE("pep440: pre-release policy") {
  CHECK(!in(">=1.0", "2.0a1"));
  CHECK(!in(">=1.0", "2.0.dev1"));  // developmental releases count as pre-releases
  CHECK(in(">=1.0", "2.0a1", true));
  CHECK(in(">=1.0", "2.0.post1"));  // post-releases are ordinary releases
  CHECK(in(">=1.0a1", "2.0a1"));    // a clause naming a pre-release opts the set in
  CHECK(in(">=1.0a1,<3", "2.0b1"));
  CHECK(in(">1.0a1", "2.0b1"));
  CHECK(in("<3.0a1", "2.0b1"));
  CHECK(in("==2.0b1", "2.0b1"));
  CHECK(!in("!=1.0a1", "2.0b1"));  // except "!="
  CHECK(!in(">=1.0,!=1.0a1", "2.0b1"));
  CHECK(in("", "1.0"));  // the empty set holds everything else
  CHECK(in("", "0!0.0+x.0"));
  CHECK(!in("", "1.0a1"));
  CHECK(in("", "1.0a1", true));
}

TEST_CASE("pep440: specifier set syntax") {
  std::optional<SpecifierSet> set = SpecifierSet::parse(" >= 3.9 , <3.13 ,!=3.10.*, ~= 3.0");
  REQUIRE(set.has_value());
  REQUIRE(set->specifiers().size() == 4);
  CHECK(set->specifiers()[0].op == Specifier::Op::kGreaterEqual);
  CHECK(set->specifiers()[0].version_text == "3.9");
  CHECK(set->specifiers()[2].op == Specifier::Op::kNotEqual);
  CHECK(set->specifiers()[2].wildcard);
  CHECK(set->specifiers()[3].op == Specifier::Op::kCompatible);
  CHECK(set->str() == ">=3.9,<3.13,!=3.10.*,~=3.0");
  CHECK(set->contains(v("3.11.4")));
  CHECK(!set->contains(v("3.10.4")));
  CHECK(!set->contains(v("3.13")));
  CHECK(!set->contains(v("3.8")));

  CHECK(SpecifierSet::parse("")->empty());
  CHECK(SpecifierSet::parse(" , ")->empty());  // empty clauses are skipped, as in `packaging`
  CHECK(SpecifierSet::parse("")->str().empty());
  CHECK(SpecifierSet::parse("==1.0")->str() == "==1.0");
  CHECK(SpecifierSet::parse("<2,>1")->specifiers().size() == 2);

  constexpr std::string_view kBad[] = {
      "1.0",  ">=",         "=>1.0",    ">>1",       "=1.0",    "<>1",      "!1.0",
      "~1.0", ">=1.0 <2.0", ">=1.0;<2", ">=1.0,foo", "==1.0 1", ">=1.0a1a", ">=3.9,<3.13,>>2"};
  for (std::string_view bad : kBad) {
    CHECK_MESSAGE(!parses(bad), "accepted '", std::string(bad), "'");
  }
  CHECK(parses("== 3.9.* "));  // whitespace around the version is allowed
}

}  // namespace
}  // namespace pexrc
