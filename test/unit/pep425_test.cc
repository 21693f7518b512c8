#include "common/pep425.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"

namespace pexrc {
namespace {

using Tags = std::vector<std::string>;

// CPython 3.11 on x86_64 Linux with glibc 2.36, as the probe reports it.
TagFacts cp311() {
  TagFacts f;
  f.implementation = "CPython";
  f.major = 3;
  f.minor = 11;
  f.platform = "linux-x86_64";
  f.ext_suffix = ".cpython-311-x86_64-linux-gnu.so";
  f.py_version_nodot = "311";
  f.py_debug = false;
  f.with_pymalloc = true;
  f.maxunicode = 0x10FFFF;
  f.glibc = std::make_pair(2, 36);
  return f;
}

TagFacts cpython(int major, int minor) {
  TagFacts f = cp311();
  f.major = major;
  f.minor = minor;
  f.py_version_nodot = std::to_string(major) + std::to_string(minor);
  f.ext_suffix = major == 2 ? ".so" : ".cpython-" + f.py_version_nodot + "-x86_64-linux-gnu.so";
  return f;
}

// manylinux_2_<newest>_<arch> down to manylinux_2_<oldest>_<arch>, legacy
// aliases right after their equivalents, then linux_<arch>.
Tags linux_platforms(int newest, int oldest, const std::string& arch) {
  Tags out;
  for (int minor = newest; minor >= oldest; --minor) {
    out.push_back("manylinux_2_" + std::to_string(minor) + "_" + arch);
    if (minor == 17) out.push_back("manylinux2014_" + arch);
    if (minor == 12) out.push_back("manylinux2010_" + arch);
    if (minor == 5) out.push_back("manylinux1_" + arch);
  }
  out.push_back("linux_" + arch);
  return out;
}

// The platforms of the tags that start with `prefix` ("cp311-cp311-"), in order.
Tags platforms_of(const Tags& tags, const std::string& prefix) {
  Tags out;
  for (const std::string& t : tags) {
    if (t.compare(0, prefix.size(), prefix) == 0) out.push_back(t.substr(prefix.size()));
  }
  return out;
}

bool has(const Tags& tags, const std::string& tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

size_t index_of(const Tags& tags, const std::string& tag) {
  auto it = std::find(tags.begin(), tags.end(), tag);
  REQUIRE_MESSAGE(it != tags.end(), "missing tag ", tag);
  return size_t(it - tags.begin());
}

bool any_contains(const Tags& tags, const std::string& part) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const std::string& t) { return t.find(part) != std::string::npos; });
}

void check_unique(const Tags& tags) {
  CHECK(std::set<std::string>(tags.begin(), tags.end()).size() == tags.size());
}

// The tail every list ends with: py<XY>-none-any, py<X>-none-any, then older minors.
Tags py_any(int major, int minor) {
  Tags out = {"py" + std::to_string(major) + std::to_string(minor) + "-none-any",
              "py" + std::to_string(major) + "-none-any"};
  for (int m = minor - 1; m >= 0; --m)
    out.push_back("py" + std::to_string(major) + std::to_string(m) + "-none-any");
  return out;
}

Tags tail(const Tags& tags, size_t n) {
  REQUIRE(tags.size() >= n);
  return Tags(tags.end() - std::ptrdiff_t(n), tags.end());
}

TEST_CASE("pep425: CPython 3.11, glibc 2.36, x86_64") {
  const Tags tags = supported_tags(cp311());
  const Tags plats = linux_platforms(36, 5, "x86_64");
  REQUIRE(plats.size() == 36);
  // cp311 ABI, abi3, none, abi3 of cp310..cp32, py311/py3/py310..py30 per platform; then the "any"
  // tags.
  CHECK(tags.size() == 36 * (3 + 9 + 13) + 1 + 13);
  check_unique(tags);
  CHECK(platforms_of(tags, "cp311-cp311-") == plats);
  CHECK(platforms_of(tags, "cp311-abi3-") == plats);
  CHECK(platforms_of(tags, "cp32-abi3-") == plats);
  CHECK(platforms_of(tags, "py30-none-") == [&] {
    Tags p = plats;
    p.push_back("any");
    return p;
  }());
  CHECK(tags[0] == "cp311-cp311-manylinux_2_36_x86_64");
  CHECK(tags[19] == "cp311-cp311-manylinux_2_17_x86_64");
  CHECK(tags[20] == "cp311-cp311-manylinux2014_x86_64");
  CHECK(tags[25] == "cp311-cp311-manylinux_2_12_x86_64");
  CHECK(tags[26] == "cp311-cp311-manylinux2010_x86_64");
  CHECK(tags[33] == "cp311-cp311-manylinux_2_5_x86_64");
  CHECK(tags[34] == "cp311-cp311-manylinux1_x86_64");
  CHECK(tags[35] == "cp311-cp311-linux_x86_64");
  CHECK(tags[36] == "cp311-abi3-manylinux_2_36_x86_64");
  CHECK(tags[72] == "cp311-none-manylinux_2_36_x86_64");
  CHECK(tags[108] == "cp310-abi3-manylinux_2_36_x86_64");
  CHECK(tags[36 * 12 - 1] == "cp32-abi3-linux_x86_64");
  CHECK(tags[36 * 12] == "py311-none-manylinux_2_36_x86_64");
  CHECK(tags[36 * 13] == "py3-none-manylinux_2_36_x86_64");
  CHECK(tags[36 * 14] == "py310-none-manylinux_2_36_x86_64");
  Tags any = py_any(3, 11);
  any.insert(any.begin(), "cp311-none-any");
  CHECK(tail(tags, 14) == any);
  CHECK_FALSE(any_contains(tags, "musllinux"));
  CHECK_FALSE(has(tags, "cp31-abi3-linux_x86_64"));
}

TEST_CASE("pep425: CPython 2.7 (cp27mu) follows packaging 20.9") {
  TagFacts f = cpython(2, 7);
  f.unicode_size = 4;
  const Tags tags = supported_tags(f);
  CHECK(tags.size() == 36 * (2 + 9) + 9);
  check_unique(tags);
  CHECK(tags[0] == "cp27-cp27mu-manylinux_2_36_x86_64");
  CHECK(tags[35] == "cp27-cp27mu-linux_x86_64");
  CHECK(tags[36] == "cp27-none-manylinux_2_36_x86_64");
  CHECK(tags[72] == "py27-none-manylinux_2_36_x86_64");
  CHECK(tags[108] == "py2-none-manylinux_2_36_x86_64");
  CHECK_FALSE(any_contains(tags, "abi3"));
  // 20.9 has no cpXY-none-any.
  CHECK_FALSE(has(tags, "cp27-none-any"));
  CHECK(tail(tags, 9) == py_any(2, 7));

  SUBCASE("narrow unicode") {
    f.unicode_size = 2;
    CHECK(supported_tags(f)[0] == "cp27-cp27m-manylinux_2_36_x86_64");
  }
  SUBCASE("unknown unicode size: decided by maxunicode") {
    f.unicode_size.reset();
    CHECK(supported_tags(f)[0] == "cp27-cp27mu-manylinux_2_36_x86_64");
    f.maxunicode = 0xFFFF;
    CHECK(supported_tags(f)[0] == "cp27-cp27m-manylinux_2_36_x86_64");
  }
  SUBCASE("without pymalloc") {
    f.with_pymalloc = false;
    CHECK(supported_tags(f)[0] == "cp27-cp27u-manylinux_2_36_x86_64");
  }
}

TEST_CASE("pep425: CPython 3.7 (cp37m)") {
  const Tags tags = supported_tags(cpython(3, 7));
  CHECK(tags.size() == 36 * (3 + 5 + 9) + 1 + 9);
  check_unique(tags);
  CHECK(tags[0] == "cp37-cp37m-manylinux_2_36_x86_64");
  CHECK(tags[36] == "cp37-abi3-manylinux_2_36_x86_64");
  CHECK(tags[72] == "cp37-none-manylinux_2_36_x86_64");
  CHECK(tags[108] == "cp36-abi3-manylinux_2_36_x86_64");
  CHECK(tags[36 * 8 - 1] == "cp32-abi3-linux_x86_64");
  CHECK(index_of(tags, "cp37-none-any") == tags.size() - 10);
  // Unset WITH_PYMALLOC counts as set; Python 3.8 dropped the flag.
  TagFacts f = cpython(3, 7);
  f.with_pymalloc.reset();
  CHECK(supported_tags(f)[0] == "cp37-cp37m-manylinux_2_36_x86_64");
  CHECK(supported_tags(cpython(3, 8))[0] == "cp38-cp38-manylinux_2_36_x86_64");
}

TEST_CASE("pep425: free-threaded CPython 3.13 (cp313t) takes no abi3") {
  TagFacts f = cpython(3, 13);
  f.free_threaded = true;
  f.ext_suffix = ".cpython-313t-x86_64-linux-gnu.so";
  const Tags tags = supported_tags(f);
  CHECK(tags.size() == 36 * (2 + 15) + 1 + 15);
  check_unique(tags);
  CHECK(tags[0] == "cp313-cp313t-manylinux_2_36_x86_64");
  CHECK(tags[35] == "cp313-cp313t-linux_x86_64");
  CHECK(tags[36] == "cp313-none-manylinux_2_36_x86_64");
  CHECK(tags[72] == "py313-none-manylinux_2_36_x86_64");
  CHECK_FALSE(any_contains(tags, "abi3"));
  CHECK_FALSE(any_contains(tags, "cp313-cp313-"));
  CHECK(has(tags, "cp313-none-any"));

  SUBCASE("a free-threaded debug build also takes the threaded release ABI") {
    f.py_debug = true;
    const Tags d = supported_tags(f);
    CHECK(d[0] == "cp313-cp313td-manylinux_2_36_x86_64");
    CHECK(d[36] == "cp313-cp313t-manylinux_2_36_x86_64");
    CHECK_FALSE(any_contains(d, "abi3"));
  }
  SUBCASE("the GIL build of 3.13 keeps abi3") {
    f.free_threaded = false;
    const Tags g = supported_tags(f);
    CHECK(g[0] == "cp313-cp313-manylinux_2_36_x86_64");
    CHECK(g[36] == "cp313-abi3-manylinux_2_36_x86_64");
  }
}

TEST_CASE("pep425: debug builds") {
  TagFacts f = cpython(3, 12);
  f.py_debug = true;
  Tags tags = supported_tags(f);
  CHECK(tags[0] == "cp312-cp312d-manylinux_2_36_x86_64");
  CHECK(tags[36] == "cp312-cp312-manylinux_2_36_x86_64");
  CHECK(tags[72] == "cp312-abi3-manylinux_2_36_x86_64");
  // Py_DEBUG unset: sys.gettotalrefcount decides.
  f.py_debug.reset();
  f.has_refcount = true;
  CHECK(supported_tags(f)[0] == "cp312-cp312d-manylinux_2_36_x86_64");
  f.has_refcount = false;
  CHECK(supported_tags(f)[0] == "cp312-cp312-manylinux_2_36_x86_64");
  // Before 3.8 a debug build has one ABI with all its flags.
  TagFacts old = cpython(3, 7);
  old.py_debug = true;
  tags = supported_tags(old);
  CHECK(tags[0] == "cp37-cp37dm-manylinux_2_36_x86_64");
  CHECK(tags[36] == "cp37-abi3-manylinux_2_36_x86_64");
}

TEST_CASE("pep425: PyPy 3.9 gets generic tags") {
  TagFacts f = cpython(3, 9);
  f.implementation = "PyPy";
  f.ext_suffix = ".pypy39-pp73-x86_64-linux-gnu.so";
  f.with_pymalloc.reset();
  const Tags tags = supported_tags(f);
  CHECK(tags.size() == 36 * (2 + 11) + 1 + 11);
  check_unique(tags);
  CHECK(tags[0] == "pp39-pypy39_pp73-manylinux_2_36_x86_64");
  CHECK(tags[35] == "pp39-pypy39_pp73-linux_x86_64");
  CHECK(tags[36] == "pp39-none-manylinux_2_36_x86_64");
  CHECK(tags[72] == "py39-none-manylinux_2_36_x86_64");
  CHECK_FALSE(any_contains(tags, "cp3"));
  CHECK_FALSE(any_contains(tags, "abi3"));
  Tags any = py_any(3, 9);
  any.insert(any.begin(), "pp3-none-any");
  CHECK(tail(tags, 12) == any);
}

TEST_CASE("pep425: aarch64 with glibc 2.28") {
  TagFacts f = cp311();
  f.platform = "linux-aarch64";
  f.ext_suffix = ".cpython-311-aarch64-linux-gnu.so";
  f.glibc = std::make_pair(2, 28);
  const Tags tags = supported_tags(f);
  const Tags plats = linux_platforms(28, 17, "aarch64");
  REQUIRE(plats.size() == 14);
  CHECK(tags.size() == 14 * (3 + 9 + 13) + 1 + 13);
  check_unique(tags);
  CHECK(platforms_of(tags, "cp311-cp311-") == plats);
  CHECK(tags[11] == "cp311-cp311-manylinux_2_17_aarch64");
  CHECK(tags[12] == "cp311-cp311-manylinux2014_aarch64");
  CHECK(tags[13] == "cp311-cp311-linux_aarch64");
  CHECK_FALSE(any_contains(tags, "manylinux2010"));
  CHECK_FALSE(any_contains(tags, "manylinux1_"));
  CHECK_FALSE(any_contains(tags, "_2_16_"));
}

TEST_CASE("pep425: 32-bit interpreters on 64-bit kernels") {
  SUBCASE("x86_64 kernel: i686") {
    TagFacts f = cp311();
    f.pointer_bits = 32;
    f.ext_suffix = ".cpython-311-i386-linux-gnu.so";
    const Tags tags = supported_tags(f);
    CHECK(platforms_of(tags, "cp311-cp311-") == linux_platforms(36, 5, "i686"));
    CHECK_FALSE(any_contains(tags, "x86_64"));
    // An x32 interpreter is no i686 binary: no manylinux.
    f.ext_suffix = ".cpython-311-x86_64-linux-gnux32.so";
    CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == Tags{"linux_i686"});
  }
  SUBCASE("aarch64 kernel: armv8l, then armv7l (packaging 24)") {
    TagFacts f = cp311();
    f.platform = "linux-aarch64";
    f.pointer_bits = 32;
    f.glibc = std::make_pair(2, 28);
    f.ext_suffix = ".cpython-311-arm-linux-gnueabihf.so";
    Tags want = linux_platforms(28, 17, "armv8l");
    want.pop_back();
    Tags v7 = linux_platforms(28, 17, "armv7l");
    v7.pop_back();
    want.insert(want.end(), v7.begin(), v7.end());
    want.push_back("linux_armv8l");
    want.push_back("linux_armv7l");
    CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == want);
    // Soft-float arm takes no manylinux wheels.
    f.ext_suffix = ".cpython-311-arm-linux-gnueabi.so";
    CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == Tags{"linux_armv8l", "linux_armv7l"});
  }
  SUBCASE("aarch64 kernel under Python 2.7: armv7l only (packaging 20.9)") {
    TagFacts f = cpython(2, 7);
    f.platform = "linux-aarch64";
    f.pointer_bits = 32;
    f.glibc = std::make_pair(2, 28);
    const Tags tags = supported_tags(f);
    CHECK(platforms_of(tags, "cp27-cp27mu-") == linux_platforms(28, 17, "armv7l"));
    CHECK(tags.size() == 14 * (2 + 9) + 9);
  }
}

TEST_CASE("pep425: without glibc only linux_<arch>") {
  TagFacts f = cp311();
  f.glibc.reset();
  const Tags tags = supported_tags(f);
  CHECK(tags.size() == 3 + 9 + 13 + 1 + 13);
  CHECK(tags[0] == "cp311-cp311-linux_x86_64");
  CHECK(tags[1] == "cp311-abi3-linux_x86_64");
  CHECK(tags[2] == "cp311-none-linux_x86_64");
  CHECK(tags[3] == "cp310-abi3-linux_x86_64");
  CHECK_FALSE(any_contains(tags, "manylinux"));
}

TEST_CASE("pep425: architectures without manylinux wheels, other systems") {
  TagFacts f = cp311();
  f.platform = "linux-armv6l";
  CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == Tags{"linux_armv6l"});
  f.platform = "linux-riscv64";
  CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == linux_platforms(36, 17, "riscv64"));
  TagFacts old = cpython(2, 7);
  old.platform = "linux-riscv64";  // packaging 20.9 had no riscv64 manylinux
  CHECK(platforms_of(supported_tags(old), "cp27-cp27mu-") == Tags{"linux_riscv64"});
  f.platform = "freebsd-13.2-RELEASE-amd64";
  CHECK(platforms_of(supported_tags(f), "cp311-cp311-") == Tags{"freebsd_13_2_release_amd64"});
}

TEST_CASE("pep425: facts from the probe's JSON") {
  const char* probe =
      R"({"executable": "/usr/bin/python3.11", "ext_suffix": ".cpython-311-x86_64-linux-gnu.so",
          "free_threaded": false, "glibc": "2.36", "has_refcount": false, "implementation": "CPython",
          "is_venv": false, "markers": {"os_name": "posix"}, "maxunicode": 1114111,
          "platform": "linux-x86_64", "pointer_bits": 64, "py_debug": 0, "py_version_nodot": "311",
          "site_packages": "lib/python3.11/site-packages", "unicode_size": null, "version": "3.11.2",
          "version_info": [3, 11], "with_pymalloc": 1})";
  const TagFacts f = tag_facts_from_probe(probe);
  CHECK(f.implementation == "CPython");
  CHECK(f.major == 3);
  CHECK(f.minor == 11);
  CHECK_FALSE(f.free_threaded);
  CHECK(f.platform == "linux-x86_64");
  CHECK(f.ext_suffix == ".cpython-311-x86_64-linux-gnu.so");
  CHECK(f.py_version_nodot == "311");
  CHECK(f.py_debug == std::optional<bool>(false));
  CHECK(f.with_pymalloc == std::optional<bool>(true));
  CHECK_FALSE(f.unicode_size.has_value());
  CHECK(f.maxunicode == 0x10FFFF);
  CHECK_FALSE(f.has_refcount);
  CHECK(f.pointer_bits == 64);
  CHECK(f.glibc == std::optional<std::pair<int, int>>(std::make_pair(2, 36)));
  CHECK(supported_tags(f) == supported_tags(cp311()));

  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = probe;
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return tag_facts_from_probe(text.replace(at, from.size(), to));
  };
  CHECK(with(R"("glibc": "2.36")", R"("glibc": "2.20-2014.11")").glibc ==
        std::optional<std::pair<int, int>>(std::make_pair(2, 20)));
  CHECK_FALSE(with(R"("glibc": "2.36")", R"("glibc": null)").glibc.has_value());
  CHECK_FALSE(with(R"("glibc": "2.36")", R"("glibc": "unknown")").glibc.has_value());
  CHECK_FALSE(with(R"("py_debug": 0)", R"("py_debug": null)").py_debug.has_value());
  CHECK(with(R"("unicode_size": null)", R"("unicode_size": 4)").unicode_size ==
        std::optional<int>(4));
  CHECK(
      with(R"("py_version_nodot": "311")", R"("py_version_nodot": null)").py_version_nodot.empty());

  auto internal_error = [](const std::string& text) {
    try {
      tag_facts_from_probe(text);
    } catch (const Error& e) {
      return e.status() == Status::kInternal;
    }
    return false;
  };
  CHECK(internal_error("not json"));
  CHECK(internal_error("[1, 2]"));
  std::string missing = probe;
  missing.replace(missing.find(R"("platform": "linux-x86_64",)"), 27, "");
  CHECK(internal_error(missing));
  std::string mistyped = probe;
  mistyped.replace(mistyped.find("[3, 11]"), 7, R"("3.11")");
  CHECK(internal_error(mistyped));
}

}  // namespace
}  // namespace pexrc
