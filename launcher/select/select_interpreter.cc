#include "launcher/select/select_interpreter.h"

#include <set>

#include "common/error.h"
#include "runtime/select/discovery.h"

namespace pexrc {
namespace {

// What `env NAME` would run: the first executable NAME on the search path.
std::string find_on_path(const std::string& name, const std::string& search_path) {
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? name : "";
  std::vector<std::string> all = find_all_named(name, search_path);
  return all.empty() ? "" : all[0];
}

// For the trace: the binary, its version and, on musl, which (its wheels' tags follow it).
std::string described(const Interpreter& in) {
  return in.executable + " " + in.version_text + (in.libc.empty() ? "" : " on " + in.libc);
}

// The interpreters pex supports: 2.7 and 3.5 or newer, CPython or PyPy.
std::string unsupported_reason(const InterpreterFacts& facts) {
  const auto& r = facts.version.release;
  bool py27 = r.size() >= 2 && r[0] == 2 && r[1] == 7;
  if (!py27 && compare(facts.version, *parse_version("3.5")) < 0)
    return "Python older than 3.5 (other than 2.7) is not supported";
  return "";
}

// Decides whether interpreters qualify and remembers why the others did not.
class Judge {
 public:
  Judge(const std::vector<InterpreterConstraint>& constraints, const ResolveCheck& resolves)
      : constraints_(constraints), resolves_(resolves) {}

  bool qualifies(const std::string& candidate, const std::optional<Interpreter>& in,
                 const std::string& why_not) {
    std::string why = in ? reason_to_reject(*in) : why_not;
    if (why.empty()) return true;
    std::string line = "\n  " + candidate + (in ? " (" + in->version_text + ")" : "") + ": " + why;
    if (seen_.insert(line).second) rejected_ += line;
    return false;
  }
  const std::string& rejected() const { return rejected_; }

 private:
  std::string reason_to_reject(const Interpreter& in) const {
    std::string why = unsupported_reason(in.facts);
    if (why.empty() && !any_matches(constraints_, in.facts))
      why = "does not satisfy the interpreter constraints";
    if (why.empty()) why = resolves_(in);
    return why;
  }

  const std::vector<InterpreterConstraint>& constraints_;
  const ResolveCheck& resolves_;
  std::string rejected_;
  std::set<std::string> seen_;
};

std::vector<InterpreterConstraint> parse_constraints(const PexInfo& info,
                                                     const std::string& pex_path) {
  std::vector<InterpreterConstraint> constraints;
  for (const std::string& text : info.interpreter_constraints) {
    try {
      constraints.push_back(parse_interpreter_constraint(text));
    } catch (const Error& e) {
      fail(Status::kBadPexInfo, pex_path + ": " + e.what());
    }
  }
  return constraints;
}

}  // namespace

std::vector<Interpreter> compatible_interpreters(const PexInfo& info, const Interpreter& selected,
                                                 const std::string& pex_path, const RunEnv& env,
                                                 const CacheRoot& cache, const Trace& trace,
                                                 const ResolveCheck& resolves) {
  std::vector<InterpreterConstraint> constraints = parse_constraints(info, pex_path);
  Judge judge(constraints, resolves);
  std::vector<std::string> candidates =
      discover_candidates(env.pex_python_path.empty() ? env.search_path : env.pex_python_path);
  std::vector<Interpreter> found = {selected};
  std::set<std::string> seen = {selected.executable};
  Identities identities = identify_interpreters(candidates, cache, trace);
  std::vector<std::optional<Interpreter>>& ids = identities.found;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] && seen.count(ids[i]->executable)) continue;
    if (!judge.qualifies(candidates[i], ids[i], identities.why_not[i])) continue;
    seen.insert(ids[i]->executable);
    found.push_back(std::move(*ids[i]));
  }
  return found;
}

Interpreter select_interpreter(const PexInfo& info, const LaunchInfo& launch,
                               const std::string& pex_path, const RunEnv& env,
                               const CacheRoot& cache, const Trace& trace,
                               const ResolveCheck& resolves) {
  std::vector<InterpreterConstraint> constraints = parse_constraints(info, pex_path);
  Judge judge(constraints, resolves);
  const std::string& path = env.search_path;
  const std::string& pex_python = env.pex_python;
  const std::string& pex_python_path = env.pex_python_path;
  bool exact = !pex_python.empty() && pex_python[0] == '/';

  std::string current = env.pexrc_python;
  if (current.empty() && !launch.python_hint.empty())
    current = find_on_path(launch.python_hint, path);
  std::optional<Interpreter> current_id;
  if (!current.empty() && !exact) {
    Identities identity = identify_interpreters({current}, cache, trace);
    current_id = std::move(identity.found[0]);
    if (!judge.qualifies(current, current_id, identity.why_not[0])) current_id.reset();
    if (current_id && pex_python.empty() && pex_python_path.empty()) {
      trace.log(1, "using the current interpreter " + described(*current_id));
      return *current_id;
    }
  }

  std::string searched;
  std::vector<std::string> candidates;
  if (exact) {
    searched = "PEX_PYTHON=" + pex_python;
    candidates = {pex_python};
  } else if (!pex_python.empty() && pex_python_path.empty()) {
    searched = "PEX_PYTHON=" + pex_python + " on PATH=" + path;
    candidates = find_all_named(pex_python, path);
  } else {
    searched = pex_python_path.empty() ? "PATH=" + path : "PEX_PYTHON_PATH=" + pex_python_path;
    candidates = discover_candidates(pex_python_path.empty() ? path : pex_python_path);
    if (!pex_python.empty()) searched += " restricted to PEX_PYTHON=" + pex_python;
  }

  Identities identities = identify_interpreters(candidates, cache, trace);
  std::vector<std::optional<Interpreter>>& ids = identities.found;
  // A .pexrc named as the interpreter is a mistake to say plainly.
  if (exact && !ids[0] && identities.why_not[0] == kIsPexrcLauncher)
    fail(Status::kNoInterpreter,
         pex_path + ": PEX_PYTHON=" + pex_python + " " + identities.why_not[0]);
  std::set<std::string> seen;
  const Interpreter* best = nullptr;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] && !seen.insert(ids[i]->executable).second) continue;
    if (!pex_python.empty() && !exact && !pex_python_path.empty() &&
        candidates[i].substr(candidates[i].rfind('/') + 1) != pex_python)
      continue;
    if (!judge.qualifies(candidates[i], ids[i], identities.why_not[i])) continue;
    const Interpreter& in = *ids[i];
    trace.log(2, "qualifies: " + in.candidate + " -> " + described(in));
    // pex keeps the current interpreter whenever the search finds it.
    if (current_id && in.executable == current_id->executable) {
      best = &in;
      break;
    }
    int order = best ? compare(in.facts.version, best->facts.version) : 0;
    if (!best || (info.prefer_newest ? order > 0 : order < 0)) best = &in;
  }
  if (!best) {
    std::string wanted;
    for (const std::string& c : info.interpreter_constraints)
      wanted += (wanted.empty() ? "" : " or ") + c;
    fail(Status::kNoInterpreter,
         pex_path + ": no interpreter satisfies " + (wanted.empty() ? "the PEX" : wanted) +
             " (searched " + searched + ")" +
             (judge.rejected().empty() ? "\n  no Python interpreters found" : judge.rejected()));
  }
  trace.log(1, "selected " + described(*best) + " (found as " + best->candidate + ")");
  return *best;
}

}  // namespace pexrc
