// PEP 425 / 600 supported tags, in the order `packaging.tags.sys_tags()` yields
// them. Python 3 follows packaging 24.x (what pip vendors today); Python 2.7
// follows packaging 20.9, the last release that runs on it. Where the two
// differ the code says so; the differences are:
//   - 20.9 adds no "<interpreter>-none-any" tag (24.x adds cpXY-none-any for
//     CPython and pp3-none-any for PyPy) between the py*-none-<platform> and
//     the py*-none-any tags;
//   - 20.9 maps a 32-bit interpreter on an aarch64 kernel to linux_armv7l,
//     24.x to linux_armv8l with linux_armv7l as a second architecture;
//   - 20.9 knows fewer manylinux architectures (no loongarch64, riscv64);
//   - 20.9 takes a generic interpreter's ABI from SOABI, 24.x from EXT_SUFFIX;
//   - only 24.x knows free-threaded builds ("t") and musllinux.
//
// What the probe's facts cannot decide, and how it is settled here:
//   - musllinux: the probe cannot see the musl version; the launcher adds it
//     to the facts from the interpreter's ELF loader (launcher/select/musl),
//     as packaging does. Without glibc no manylinux tag is produced.
//   - A `_manylinux` module that vetoes manylinux tags is not looked for.
//   - packaging reads the interpreter's ELF header to tell an i686 binary from
//     an x32 one and a hard-float arm binary from a soft-float one; here the
//     ABI triplet in EXT_SUFFIX decides ("...-linux-gnux32", "...-gnueabi"),
//     and without a triplet (Python 2.7) the binary is taken to fit.
//   - macOS and iOS platform tags depend on the running OS release, which the
//     probe does not report; those platforms get the single normalised
//     sysconfig platform, as packaging does for every other non-Linux system.
#include "common/pep425.h"

#include <unordered_set>

// No iostream in the static launcher: nlohmann's stream operators are compiled out.
#include "common/error.h"
#include "common/json.h"
#include "common/text.h"

namespace pexrc {
namespace {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------
// Reading the probe

[[noreturn]] void bad_probe(const char* key, const char* want) {
  fail(Status::kInternal, std::string("interpreter probe: field '") + key + "' " + want);
}

const Json& field(const Json& root, const char* key) {
  auto it = root.find(key);
  if (it == root.end()) bad_probe(key, "is missing");
  return *it;
}

std::string string_field(const Json& root, const char* key) {
  const Json& v = field(root, key);
  if (!v.is_string()) bad_probe(key, "must be a string");
  return v.get<std::string>();
}

bool bool_field(const Json& root, const char* key) {
  const Json& v = field(root, key);
  if (!v.is_boolean()) bad_probe(key, "must be true or false");
  return v.get<bool>();
}

long long int_field(const Json& root, const char* key) {
  const Json& v = field(root, key);
  if (!v.is_number_integer()) bad_probe(key, "must be an integer");
  return v.get<long long>();
}

// A sysconfig variable as Python's truth test sees it; nullopt for None.
std::optional<bool> truthy_field(const Json& root, const char* key) {
  const Json& v = field(root, key);
  switch (v.type()) {
    case Json::value_t::null:
      return std::nullopt;
    case Json::value_t::boolean:
      return v.get<bool>();
    case Json::value_t::number_integer:
      return v.get<long long>() != 0;
    case Json::value_t::number_unsigned:
      return v.get<unsigned long long>() != 0;
    case Json::value_t::number_float:
      return v.get<double>() != 0.0;
    case Json::value_t::string:
      return !v.get_ref<const std::string&>().empty();
    default:
      return !v.empty();
  }
}

// Leading "<major>.<minor>" of a glibc version such as "2.36" or "2.20-2014.11";
// nullopt when the text does not start like that (packaging then gives no
// manylinux tags, as it does without glibc). Absurdly large numbers count as
// unreadable instead of producing an endless list.
std::optional<std::pair<int, int>> parse_glibc(std::string_view text) {
  auto number = [&](size_t& i) -> std::optional<int> {
    size_t start = i;
    long long n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > 100000) return std::nullopt;
      ++i;
    }
    if (i == start) return std::nullopt;
    return int(n);
  };
  size_t i = 0;
  std::optional<int> major = number(i);
  if (!major || i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  std::optional<int> minor = number(i);
  if (!minor || *major > 100) return std::nullopt;
  return std::make_pair(*major, *minor);
}

// ---------------------------------------------------------------------------
// Tag pieces

// Which packaging release's sys_tags() the list reproduces.
enum class Rules { kPackaging20, kPackaging24 };

Rules rules_for(const TagFacts& f) {
  return f.major <= 2 ? Rules::kPackaging20 : Rules::kPackaging24;
}

bool version_below(const TagFacts& f, int major, int minor) {
  return f.major < major || (f.major == major && f.minor < minor);
}

std::string nodot(int major, int minor) { return std::to_string(major) + std::to_string(minor); }

// packaging's _normalize_string: "." and "-" (and, from 21.x on, " ") become "_".
std::string normalize(std::string_view s, Rules rules) {
  std::string out(s);
  for (char& c : out) {
    if (c == '.' || c == '-' || (c == ' ' && rules == Rules::kPackaging24)) c = '_';
  }
  return out;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The short interpreter name: sys.implementation.name (on Python 2.7
// platform.python_implementation().lower()) through packaging's table.
std::string interpreter_name(const TagFacts& f) {
  std::string name = to_lower(f.implementation);
  if (name == "cpython") return "cp";
  if (name == "pypy") return "pp";
  if (name == "ironpython") return "ip";
  if (name == "jython") return "jy";
  if (name == "python") return "py";
  // GraalPy reports "GraalVM" as python_implementation() but "graalpy" as sys.implementation.name.
  if (name == "graalvm" && rules_for(f) == Rules::kPackaging24) return "graalpy";
  return name;
}

std::string interpreter_version(const TagFacts& f) {
  return f.py_version_nodot.empty() ? nodot(f.major, f.minor) : f.py_version_nodot;
}

// packaging's _cpython_abis: the version-specific ABIs, most specific first.
std::vector<std::string> cpython_abis(const TagFacts& f) {
  const std::string version = nodot(f.major, f.minor);
  // Windows debug builds import "_d.pyd" extensions and leave Py_DEBUG unset.
  const bool has_d_ext = f.ext_suffix.starts_with("_d.");
  const bool debug = f.py_debug.has_value() ? *f.py_debug : (f.has_refcount || has_d_ext);
  std::string threading;
  if (rules_for(f) == Rules::kPackaging24 && !version_below(f, 3, 13) && f.free_threaded)
    threading = "t";
  std::string pymalloc, ucs4;
  std::vector<std::string> abis;
  if (version_below(f, 3, 8)) {
    if (!f.with_pymalloc.has_value() || *f.with_pymalloc) pymalloc = "m";
    if (version_below(f, 3, 3)) {
      if (f.unicode_size == 4 || (!f.unicode_size.has_value() && f.maxunicode == 0x10FFFF))
        ucs4 = "u";
    }
  } else if (debug) {
    // A debug build also loads extensions built for the release ABI.
    abis.push_back("cp" + version + threading);
  }
  abis.insert(abis.begin(), "cp" + version + threading + (debug ? "d" : "") + pymalloc + ucs4);
  return abis;
}

// The ABIs of a non-CPython interpreter, before "none".
std::vector<std::string> generic_abis(const TagFacts& f) {
  const Rules rules = rules_for(f);
  const std::string& suffix = f.ext_suffix;
  if (rules == Rules::kPackaging20) {
    // 20.9 uses SOABI, which is EXT_SUFFIX ("SO" on 2.7) without its leading
    // "." and its trailing ".so", e.g. ".pypy-73.so" -> "pypy-73".
    size_t first = suffix.find('.'), last = suffix.rfind('.');
    if (first != 0 || last == first) return {};
    std::string soabi = suffix.substr(1, last - 1);
    if (soabi.empty()) return {};
    return {normalize(soabi, rules)};
  }
  // packaging 24.x raises SystemError for an EXT_SUFFIX that does not start
  // with "."; here the interpreter then just gets no ABI-specific tags.
  if (suffix.empty() || suffix[0] != '.') return {};
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t dot = suffix.find('.', start);
    parts.push_back(
        std::string_view(suffix).substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  // CPython 3.7 and earlier on Windows: ".pyd" carries no ABI.
  if (parts.size() < 3) return cpython_abis(f);
  const std::string_view soabi = parts[1];
  // The first n "-"-separated pieces of soabi.
  auto pieces = [&](size_t n) {
    size_t end = 0;
    for (size_t i = 0; i < n && end != std::string_view::npos; ++i) {
      end = soabi.find('-', i == 0 ? 0 : end + 1);
    }
    return soabi.substr(0, end);
  };
  std::string abi;
  if (soabi.starts_with("cpython")) {
    // ".cpython-310-x86_64-linux-gnu.so" -> "cp310"
    size_t dash = soabi.find('-');
    std::string_view rest =
        dash == std::string_view::npos ? std::string_view() : soabi.substr(dash + 1);
    abi = "cp" + std::string(rest.substr(0, rest.find('-')));
  } else if (soabi.starts_with("cp")) {
    abi = std::string(pieces(1));  // ".cp310-win_amd64.pyd" -> "cp310"
  } else if (soabi.starts_with("pypy")) {
    abi = std::string(pieces(2));  // ".pypy39-pp73-x86_64-linux-gnu.so" -> "pypy39-pp73"
  } else if (soabi.starts_with("graalpy")) {
    abi =
        std::string(pieces(3));  // ".graalpy-38-native-x86_64-darwin.dylib" -> "graalpy-38-native"
  } else if (!soabi.empty()) {
    abi = std::string(soabi);
  } else {
    return {};
  }
  return {normalize(abi, rules)};
}

// Whether the interpreter binary suits manylinux wheels of `archs` (packaging
// checks the ELF header; see the top of the file for how that is approximated).
bool manylinux_abi_fits(const TagFacts& f, const std::vector<std::string>& archs) {
  auto has = [&](std::string_view a) {
    for (const std::string& x : archs) {
      if (x == a) return true;
    }
    return false;
  };
  if (has("armv7l")) return !contains(f.ext_suffix, "-gnueabi.");  // soft-float arm: no
  if (has("i686")) return !contains(f.ext_suffix, "-gnux32.");     // x32: not an i686 binary
  std::vector<std::string_view> allowed = {"x86_64", "aarch64", "ppc64", "ppc64le", "s390x"};
  if (rules_for(f) == Rules::kPackaging24) {
    allowed.push_back("loongarch64");
    allowed.push_back("riscv64");
  }
  for (std::string_view a : allowed) {
    if (has(a)) return true;
  }
  return false;
}

// manylinux_<major>_<minor>_<arch> from the running glibc down to the oldest
// the architecture has wheels for (2.5 on x86, 2.17 elsewhere), each legacy
// alias (manylinux2014/2010/1) right after its PEP 600 spelling.
std::vector<std::string> manylinux_platforms(const TagFacts& f,
                                             const std::vector<std::string>& archs) {
  std::vector<std::string> out;
  if (!f.glibc.has_value() || !manylinux_abi_fits(f, archs)) return out;
  int too_old_minor = 16;  // glibc 2.16 and older: no manylinux on most architectures
  for (const std::string& a : archs) {
    if (a == "x86_64" || a == "i686") too_old_minor = 4;
  }
  const auto [current_major, current_minor] = *f.glibc;
  // Highest version to list per glibc major: the running one, then (assuming
  // compatibility across majors) every older major 2 and up, up to minor 50.
  std::vector<std::pair<int, int>> maxima = {{current_major, current_minor}};
  for (int major = current_major - 1; major > 1; --major) maxima.emplace_back(major, 50);
  for (const std::string& arch : archs) {
    for (const auto& [major, max_minor] : maxima) {
      const int stop = major == 2 ? too_old_minor : -1;
      for (int minor = max_minor; minor > stop; --minor) {
        out.push_back("manylinux_" + std::to_string(major) + "_" + std::to_string(minor) + "_" +
                      arch);
        if (major != 2) continue;
        const char* legacy = minor == 17   ? "manylinux2014"
                             : minor == 12 ? "manylinux2010"
                             : minor == 5  ? "manylinux1"
                                           : nullptr;
        if (legacy) out.push_back(std::string(legacy) + "_" + arch);
      }
    }
  }
  return out;
}

// packaging's platform_tags(): most specific first.
std::vector<std::string> platform_tags(const TagFacts& f) {
  const Rules rules = rules_for(f);
  std::string plat = normalize(f.platform, rules);
  // Linux is what packaging recognises by platform.system(); sysconfig's
  // platform of a Linux interpreter is "linux-<machine>".
  constexpr std::string_view kLinux = "linux_";
  if (!plat.starts_with(kLinux)) return {plat};
  if (f.pointer_bits == 32) {
    // A 32-bit interpreter on a 64-bit kernel (sysconfig reports the kernel's machine).
    if (plat == "linux_x86_64")
      plat = "linux_i686";
    else if (plat == "linux_aarch64")
      plat = rules == Rules::kPackaging24 ? "linux_armv8l" : "linux_armv7l";
  }
  const std::string arch = plat.substr(kLinux.size());
  std::vector<std::string> archs = {arch};
  // 24.x: an armv8l (32-bit on aarch64) interpreter also takes armv7l wheels.
  if (rules == Rules::kPackaging24 && arch == "armv8l") archs.push_back("armv7l");
  std::vector<std::string> out = manylinux_platforms(f, archs);
  // 24.x: musllinux_<major>_<minor>_<arch> from the running musl's minor down to 0.
  if (rules == Rules::kPackaging24 && f.musl) {
    for (const std::string& a : archs)
      for (int minor = f.musl->second; minor >= 0; --minor)
        out.push_back("musllinux_" + std::to_string(f.musl->first) + "_" + std::to_string(minor) +
                      "_" + a);
  }
  for (const std::string& a : archs) out.push_back("linux_" + a);
  return out;
}

// Collects tags in order, dropping repeats.
class TagList {
 public:
  void add(std::string_view interpreter, std::string_view abi, std::string_view platform) {
    std::string tag =
        to_lower(std::string(interpreter) + "-" + std::string(abi) + "-" + std::string(platform));
    if (seen_.insert(tag).second) tags_.push_back(std::move(tag));
  }
  std::vector<std::string> take() { return std::move(tags_); }

 private:
  std::vector<std::string> tags_;
  std::unordered_set<std::string> seen_;
};

// cp<XY>-<abi>-<platform> for the version-specific ABIs, then abi3 (3.2 and
// up, not free-threaded), then none, then abi3 of every older 3.x down to 3.2.
void add_cpython_tags(const TagFacts& f, const std::vector<std::string>& platforms, TagList& tags) {
  const std::string interpreter = "cp" + nodot(f.major, f.minor);
  const std::vector<std::string> abis = cpython_abis(f);
  // packaging looks for a "t" among the flags after the first ABI's "cp<digits>".
  size_t flags = 2;
  while (flags < abis[0].size() && abis[0][flags] >= '0' && abis[0][flags] <= '9') ++flags;
  const bool threading = abis[0].find('t', flags) != std::string::npos;
  const bool abi3 = !version_below(f, 3, 2) && !threading;
  for (const std::string& abi : abis) {
    for (const std::string& p : platforms) tags.add(interpreter, abi, p);
  }
  if (abi3) {
    for (const std::string& p : platforms) tags.add(interpreter, "abi3", p);
  }
  for (const std::string& p : platforms) tags.add(interpreter, "none", p);
  if (abi3) {
    for (int minor = f.minor - 1; minor > 1; --minor) {
      const std::string older = "cp" + nodot(f.major, minor);
      for (const std::string& p : platforms) tags.add(older, "abi3", p);
    }
  }
}

// <name><version>-<abi>-<platform> for the interpreter's own ABI, then none.
void add_generic_tags(const TagFacts& f, const std::vector<std::string>& platforms, TagList& tags) {
  const std::string interpreter = interpreter_name(f) + interpreter_version(f);
  std::vector<std::string> abis = generic_abis(f);
  bool has_none = false;
  for (const std::string& abi : abis) has_none = has_none || abi == "none";
  if (!has_none) abis.push_back("none");
  for (const std::string& abi : abis) {
    for (const std::string& p : platforms) tags.add(interpreter, abi, p);
  }
}

// py<XY>, py<X>, then py<X><Y-1> down to py<X>0.
std::vector<std::string> py_interpreter_range(const TagFacts& f) {
  std::vector<std::string> out = {"py" + nodot(f.major, f.minor), "py" + std::to_string(f.major)};
  for (int minor = f.minor - 1; minor >= 0; --minor) out.push_back("py" + nodot(f.major, minor));
  return out;
}

// py*-none-<platform>, then <interpreter>-none-any if given, then py*-none-any.
void add_compatible_tags(const TagFacts& f, const std::vector<std::string>& platforms,
                         const std::string& interpreter, TagList& tags) {
  const std::vector<std::string> versions = py_interpreter_range(f);
  for (const std::string& v : versions) {
    for (const std::string& p : platforms) tags.add(v, "none", p);
  }
  if (!interpreter.empty()) tags.add(interpreter, "none", "any");
  for (const std::string& v : versions) tags.add(v, "none", "any");
}

}  // namespace

TagFacts tag_facts_from_probe(std::string_view probe_json) {
  const Json root = Json::parse(probe_json, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    fail(Status::kInternal, "interpreter probe: output is not a JSON object");
  TagFacts f;
  f.implementation = string_field(root, "implementation");
  const Json& version = field(root, "version_info");
  if (!version.is_array() || version.size() < 2 || !version[0].is_number_integer() ||
      !version[1].is_number_integer()) {
    bad_probe("version_info", "must be [major, minor]");
  }
  const long long major = version[0].get<long long>(), minor = version[1].get<long long>();
  if (major < 0 || major > 1000 || minor < 0 || minor > 1000)
    bad_probe("version_info", "is out of range");
  f.major = int(major);
  f.minor = int(minor);
  f.free_threaded = bool_field(root, "free_threaded");
  f.platform = string_field(root, "platform");
  if (f.platform.empty()) bad_probe("platform", "is empty");

  const Json& ext = field(root, "ext_suffix");
  if (ext.is_string())
    f.ext_suffix = ext.get<std::string>();
  else if (!ext.is_null())
    bad_probe("ext_suffix", "must be a string or null");

  // A sysconfig value: packaging uses str() of it when it is truthy.
  const Json& nodot_value = field(root, "py_version_nodot");
  if (nodot_value.is_string())
    f.py_version_nodot = nodot_value.get<std::string>();
  else if (nodot_value.is_number_integer() && nodot_value.get<long long>() != 0)
    f.py_version_nodot = std::to_string(nodot_value.get<long long>());

  f.py_debug = truthy_field(root, "py_debug");
  f.with_pymalloc = truthy_field(root, "with_pymalloc");
  const Json& unicode_size = field(root, "unicode_size");
  if (unicode_size.is_number_integer()) {
    const long long n = unicode_size.get<long long>();
    f.unicode_size = n >= 0 && n <= 64 ? int(n) : 0;
  } else if (!unicode_size.is_null()) {
    f.unicode_size = 0;  // set, but not the integer 4
  }
  f.maxunicode = int_field(root, "maxunicode");
  f.has_refcount = bool_field(root, "has_refcount");
  const long long bits = int_field(root, "pointer_bits");
  if (bits != 32 && bits != 64) bad_probe("pointer_bits", "must be 32 or 64");
  f.pointer_bits = int(bits);
  const Json& glibc = field(root, "glibc");
  if (glibc.is_string())
    f.glibc = parse_glibc(glibc.get_ref<const std::string&>());
  else if (!glibc.is_null())
    bad_probe("glibc", "must be a string or null");
  // Added by the launcher, not the probe: absent means not musl.
  auto musl = root.find("musl");
  if (musl != root.end() && !musl->is_null()) {
    if (!musl->is_array() || musl->size() != 2 || !(*musl)[0].is_number_integer() ||
        !(*musl)[1].is_number_integer() || (*musl)[1].get<long long>() < 0 ||
        (*musl)[1].get<long long>() > 1000)
      bad_probe("musl", "must be [major, minor] or null");
    f.musl = std::make_pair(int((*musl)[0].get<long long>()), int((*musl)[1].get<long long>()));
  }
  return f;
}

std::vector<std::string> supported_tags(const TagFacts& f) {
  const std::vector<std::string> platforms = platform_tags(f);
  const std::string name = interpreter_name(f);
  TagList tags;
  if (name == "cp")
    add_cpython_tags(f, platforms, tags);
  else
    add_generic_tags(f, platforms, tags);
  // 24.x names the interpreter once more, platform-independently; 20.9 does not.
  std::string interpreter;
  if (rules_for(f) == Rules::kPackaging24) {
    if (name == "pp")
      interpreter = "pp3";
    else if (name == "cp")
      interpreter = "cp" + interpreter_version(f);
  }
  add_compatible_tags(f, platforms, interpreter, tags);
  return tags.take();
}

}  // namespace pexrc
