#include "injector/compile/compile_targets.h"

#include <cstdlib>
#include <map>
#include <optional>

#include "common/error.h"
#include "common/interpreter_constraint.h"
#include "common/json.h"
#include "common/pep425.h"
#include "common/pep440.h"
#include "common/wheel_name.h"
#include "runtime/select/discovery.h"
#include "runtime/select/probe.h"

namespace pexrc {
namespace {

using Json = nlohmann::json;

// What one candidate is, or why it cannot compile for this PEX.
struct Verdict {
  std::optional<CompileTarget> target;
  std::string why_not;
};

std::string field(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Verdict judge(const std::string& candidate, const ProbeOutcome& outcome, const PexInfo& info,
              const std::vector<InterpreterConstraint>& constraints) {
  if (outcome.kind == ProbeOutcome::Kind::kTransient) return {{}, outcome.problem};
  if (outcome.kind != ProbeOutcome::Kind::kAnswered) return {{}, "is not a Python interpreter"};
  Json j = Json::parse(outcome.output, nullptr, false);
  std::string impl = field(j, "implementation"), version_text = field(j, "version");
  if (!version_text.empty() && version_text.back() == '+') version_text.pop_back();
  std::optional<Version> version = parse_version(version_text);
  if (!j.is_object() || !version || (impl != "CPython" && impl != "PyPy"))
    return {{}, "is not a CPython or PyPy interpreter"};
  std::string label = impl + " " + version_text;
  const auto& release = version->release;
  if (release.empty() || release[0] < 3 ||
      (release[0] == 3 && release.size() > 1 && release[1] < 7))
    return {{}, "is " + label + ": .pyc files are made ahead only for 3.7+ (hash-based, PEP 552)"};
  std::string cache_tag = field(j, "cache_tag");
  if (cache_tag.empty()) return {{}, "is " + label + ", which writes no .pyc files (no cache tag)"};
  InterpreterFacts facts{impl == "PyPy" ? Implementation::kPyPy : Implementation::kCPython,
                         *version, j.value("free_threaded", false)};
  if (!any_matches(constraints, facts))
    return {{}, "is " + label + ", outside the PEX's interpreter constraints"};

  std::vector<std::string> tags = supported_tags(tag_facts_from_probe(outcome.output));
  std::set<std::string> accepted(tags.begin(), tags.end());
  CompileTarget target{field(j, "executable"), cache_tag, label + " (" + candidate + ")", {}};
  std::map<std::string, bool> project_runs;  // by normalised name: has a usable wheel
  for (const auto& [wheel, fingerprint] : info.distributions) {
    std::optional<WheelName> name = parse_wheel_name(wheel);
    if (!name) continue;
    bool usable = false;
    for (const std::string& tag : name->tags) usable = usable || accepted.count(tag);
    if (usable) target.wheels.insert(wheel);
    project_runs[name->key] = project_runs[name->key] || usable;
  }
  for (const auto& [project, runs] : project_runs)
    if (!runs)
      return {{}, "is " + label + ": none of the PEX's wheels for " + project + " works with it"};
  if (target.python.empty()) target.python = candidate;
  return {target, ""};
}

}  // namespace

std::vector<CompileTarget> choose_compile_targets(const std::vector<std::string>& requested,
                                                  bool discover, const std::string& python_hint,
                                                  const PexInfo& info) {
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "";
  std::vector<std::string> candidates;
  for (const std::string& r : requested) {
    if (r.find('/') != std::string::npos) {
      if (!is_executable_file(r))
        fail(Status::kUsage, "interpreter to compile for '" + r + "': not an executable file");
      candidates.push_back(r);
      continue;
    }
    std::vector<std::string> found = find_all_named(r, path);
    if (found.empty())
      fail(Status::kUsage, "interpreter to compile for '" + r + "': not found on PATH");
    candidates.push_back(found[0]);
  }
  std::vector<InterpreterConstraint> constraints;
  for (const std::string& text : info.interpreter_constraints)
    constraints.push_back(parse_interpreter_constraint(text));
  // Each candidate that qualifies, the first of each cache tag; `explicit`:
  // one that does not stops the run.
  auto qualifying = [&](const std::vector<std::string>& pythons, bool explicit_request) {
    std::vector<ProbeOutcome> outcomes = run_probes(pythons);
    std::vector<CompileTarget> targets;
    std::set<std::string> tags;
    for (size_t i = 0; i < pythons.size(); ++i) {
      Verdict v = judge(pythons[i], outcomes[i], info, constraints);
      if (!v.target) {
        if (explicit_request)
          fail(Status::kUsage, "interpreter to compile for '" + requested[i] + "' " + v.why_not);
        continue;
      }
      if (tags.insert(v.target->cache_tag).second) targets.push_back(std::move(*v.target));
    }
    return targets;
  };
  if (!requested.empty()) return qualifying(candidates, true);
  if (!discover) return {};
  // The #! line's interpreter alone first: probing all of PATH (wrappers
  // such as pyenv's shims take a second each) only when it does not do.
  std::vector<std::string> hinted;
  if (python_hint.find('/') != std::string::npos) {
    if (is_executable_file(python_hint)) hinted.push_back(python_hint);
  } else if (!python_hint.empty()) {
    std::vector<std::string> found = find_all_named(python_hint, path);
    if (!found.empty()) hinted.push_back(found[0]);
  }
  if (!hinted.empty()) {
    std::vector<CompileTarget> targets = qualifying(hinted, false);
    if (!targets.empty()) return targets;
  }
  return qualifying(discover_candidates(path), false);
}

}  // namespace pexrc
