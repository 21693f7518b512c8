#include "launcher/select/select_interpreter.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include "common/error.h"
#include "launcher/select/discovery.h"

namespace pexrc {
namespace {

const char* env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// What `env NAME` would run: the first executable NAME on the search path.
std::string find_on_path(const std::string& name, const std::string& search_path) {
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? name : "";
  for (const std::string& dir : split_search_path(search_path)) {
    std::string path = dir + "/" + name;
    if (is_executable_file(path)) return path;
  }
  return "";
}

// The interpreters pex supports: 2.7 and 3.5 or newer, CPython or PyPy.
std::string unsupported_reason(const InterpreterFacts& facts) {
  const auto& r = facts.version.release;
  bool py27 = r.size() >= 2 && r[0] == 2 && r[1] == 7;
  if (!py27 && compare(facts.version, *parse_version("3.5")) < 0) return "Python older than 3.5 (other than 2.7) is not supported";
  return "";
}

class Judge {
 public:
  explicit Judge(const std::vector<InterpreterConstraint>& constraints) : constraints_(constraints) {}

  bool qualifies(const std::string& candidate, const std::optional<Interpreter>& in) {
    std::string why = reason_to_reject(in);
    if (why.empty()) return true;
    rejected_ += "\n  " + candidate + (in ? " (" + in->version_text + ")" : "") + ": " + why;
    return false;
  }
  const std::string& rejected() const { return rejected_; }

 private:
  std::string reason_to_reject(const std::optional<Interpreter>& in) const {
    if (!in) return "not a working Python interpreter";
    std::string why = unsupported_reason(in->facts);
    if (why.empty() && !any_matches(constraints_, in->facts)) why = "does not satisfy the interpreter constraints";
    return why;
  }

  const std::vector<InterpreterConstraint>& constraints_;
  std::string rejected_;
};

}  // namespace

Interpreter select_interpreter(const PexInfo& info, const LaunchInfo& launch,
                               const std::string& pex_path, const CacheRoot& cache,
                               const Trace& trace) {
  std::vector<InterpreterConstraint> constraints;
  for (const std::string& text : info.interpreter_constraints) {
    try {
      constraints.push_back(parse_interpreter_constraint(text));
    } catch (const Error& e) {
      fail(Status::kBadPexInfo, pex_path + ": " + e.what());
    }
  }
  Judge judge(constraints);
  std::string search_path = env_or("PATH", "/usr/local/bin:/usr/bin:/bin");

  std::string current = env_or("PEXRC_PYTHON", "");
  if (current.empty() && !launch.python_hint.empty()) current = find_on_path(launch.python_hint, search_path);
  if (!current.empty()) {
    std::optional<Interpreter> in = std::move(identify_interpreters({current}, cache, trace)[0]);
    if (judge.qualifies(current, in)) {
      trace.log(1, "using the current interpreter " + in->executable + " " + in->version_text);
      return *in;
    }
  }

  std::vector<std::string> candidates = discover_candidates(search_path);
  std::vector<std::optional<Interpreter>> ids = identify_interpreters(candidates, cache, trace);
  std::set<std::string> seen;
  const Interpreter* best = nullptr;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] && !seen.insert(ids[i]->executable).second) continue;
    if (!judge.qualifies(candidates[i], ids[i])) continue;
    const Interpreter& in = *ids[i];
    trace.log(2, "qualifies: " + in.candidate + " -> " + in.executable + " " + in.version_text);
    int order = best ? compare(in.facts.version, best->facts.version) : 0;
    if (!best || (info.prefer_newest ? order > 0 : order < 0)) best = &in;
  }
  if (!best) {
    std::string wanted;
    for (const std::string& c : info.interpreter_constraints) wanted += (wanted.empty() ? "" : " or ") + c;
    fail(Status::kNoInterpreter,
         pex_path + ": no interpreter satisfies " + (wanted.empty() ? "the PEX" : wanted) +
             " (searched PATH=" + search_path + ")" +
             (judge.rejected().empty() ? "\n  no Python interpreters found" : judge.rejected()));
  }
  trace.log(1, "selected " + best->executable + " " + best->version_text + " (found as " + best->candidate + ")");
  return *best;
}

}  // namespace pexrc
