#include "launcher/environment/run_env.h"

#include "common/error.h"
#include "common/text.h"

namespace pexrc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Reader {
 public:
  explicit Reader(EnvLookup lookup) : lookup_(lookup) {}

  const char* raw(const char* name) const { return lookup_(name); }

  std::string text(const char* name) const {
    const char* v = lookup_(name);
    return v ? v : "";
  }

  // pex's _get_bool. `what` names the value in the refusal: pex says
  // "bool value" for PEX_TOOLS, which its entry point checks itself.
  bool pex_bool(const char* name, bool fallback, const char* what = "value") const {
    const char* v = lookup_(name);
    if (!v) return fallback;
    std::string value = to_lower(v);
    if (value == "0" || value == "false") return false;
    if (value == "1" || value == "true") return true;
    refuse(name, "must be 0/1/false/true", v, what);
  }

  // pex's _get_int: what Python's int() reads, signs, spaces and digit
  // separators ("1_0") included.
  int pex_int(const char* name) const {
    const char* v = lookup_(name);
    if (!v) return 0;
    std::string_view s = trim(v);
    bool negative = consume_prefix(s, "-");
    if (!negative) consume_prefix(s, "+");
    long value = 0;
    bool ok = !s.empty() && is_digit(s.front()) && is_digit(s.back());
    for (size_t i = 0; ok && i < s.size(); ++i) {
      if (s[i] == '_') {
        ok = s[i + 1] != '_';
      } else if (is_digit(s[i])) {
        value = value < 1000000 ? value * 10 + (s[i] - '0') : value;  // far past any level
      } else {
        ok = false;
      }
    }
    if (!ok) refuse(name, "must be an integer", v, "value");
    return int(negative ? -value : value);
  }

  // One rule for pexrc's switches.
  bool pexrc_switch(const char* name, bool fallback) const {
    const char* v = lookup_(name);
    if (!v || !*v) return fallback;
    return std::string(v) != "0";
  }

  [[noreturn]] static void refuse(const char* name, const char* rule, const char* value,
                                  const char* what) {
    fail(Status::kPexRefusal,
         std::string("Invalid ") + what + " for " + name + ", " + rule + ", got '" + value + "'");
  }

 private:
  EnvLookup lookup_;
};

}  // namespace

RunEnv read_run_env(EnvLookup lookup) {
  Reader env(lookup);
  RunEnv r;
  r.path = env.text("PATH");
  r.search_path = r.path.empty() ? "/usr/local/bin:/usr/bin:/bin" : r.path;
  r.pex_python = env.text("PEX_PYTHON");
  r.pex_python_path = env.text("PEX_PYTHON_PATH");
  r.pex_path = env.text("PEX_PATH");
  r.pex_inherit_path = env.text("PEX_INHERIT_PATH");
  if (env.raw("PEX_INHERIT_PATH") && r.pex_inherit_path != "false" &&
      r.pex_inherit_path != "prefer" && r.pex_inherit_path != "fallback")
    fail(Status::kPexRefusal, "Invalid value for PEX_INHERIT_PATH: '" + r.pex_inherit_path +
                                  "' must be one of 'false', 'prefer', 'fallback'");
  r.pex_ignore_errors = env.pex_bool("PEX_IGNORE_ERRORS", false);
  r.pex_verbose = env.pex_int("PEX_VERBOSE");
  r.python_path_set = env.raw("PYTHONPATH") != nullptr;
  r.pexrc_python = env.text("PEXRC_PYTHON");
  r.pexrc_python_args = env.text("PEXRC_PYTHON_ARGS");
  r.pexrc_payload = env.text("PEXRC_PAYLOAD");
  r.pexrc_tools = env.pexrc_switch("PEXRC_TOOLS", false);
  r.pexrc_compile = env.pexrc_switch("PEXRC_COMPILE", true);
  r.pexrc_cache_max_size = env.text("PEXRC_CACHE_MAX_SIZE");
  r.pexrc_keep_old_builds = env.text("PEXRC_KEEP_OLD_BUILDS");
  // pexrc's tools are not pex's: PEX_TOOLS is only read (and refused) when
  // the app itself would run.
  r.pex_tools = !r.pexrc_tools && env.pex_bool("PEX_TOOLS", false, "bool value");
  return r;
}

}  // namespace pexrc
