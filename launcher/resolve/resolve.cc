#include "launcher/resolve/resolve.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "common/error.h"
#include "common/json.h"
#include "common/pep425.h"
#include "common/pep508.h"
#include "common/wheel_name.h"

namespace pexrc {
namespace {

MarkerEnvironment marker_environment(const Interpreter& python) {
  MarkerEnvironment env;
  nlohmann::json probe = nlohmann::json::parse(python.probe_json, nullptr, false);
  auto markers = probe.find("markers");
  if (markers != probe.end() && markers->is_object())
    for (auto it = markers->begin(); it != markers->end(); ++it)
      if (it.value().is_string()) env[it.key()] = it.value().get<std::string>();
  env["extra"] = "";
  return env;
}

std::map<std::string, Requirement> by_project(const std::vector<std::string>& texts) {
  std::map<std::string, Requirement> out;
  for (const std::string& t : texts) {
    Requirement r = parse_requirement(t);
    out.emplace(r.key, std::move(r));
  }
  return out;
}

// A requirement applies if its marker holds with no extra or with any of the
// extras its dependent was asked for.
bool applies(const Requirement& r, MarkerEnvironment& env, const std::set<std::string>& extras) {
  if (!r.marker) return true;
  env["extra"] = "";
  bool yes = r.marker->evaluate(env);
  for (const std::string& extra : extras) {
    if (yes) break;
    env["extra"] = extra;
    yes = r.marker->evaluate(env);
  }
  env["extra"] = "";
  return yes;
}

class Resolver {
 public:
  Resolver(WheelCatalog& catalog, const PexInfo& info, const Interpreter& python,
           bool ignore_errors)
      : catalog_(catalog),
        python_(python),
        env_(marker_environment(python)),
        excluded_(by_project(info.excluded)),
        overridden_(by_project(info.overridden)) {
    std::vector<std::string> tags = supported_tags(tag_facts_from_probe(python.probe_json));
    for (size_t i = 0; i < tags.size(); ++i) rank_.emplace(tags[i], i);
    ignore_errors_ = info.ignore_errors || ignore_errors;
  }

  Resolution run(const std::vector<std::string>& roots) {
    Resolution result;
    std::deque<Requirement> queue;
    for (const std::string& text : roots) {
      Requirement r = parse_requirement(text);
      if (applies(r, env_, {})) queue.push_back(std::move(r));
    }
    // A project is walked again when asked for with other extras: those can
    // pull in more dependencies, though the wheel stays the same.
    std::set<std::pair<std::string, std::set<std::string>>> done;
    while (!queue.empty()) {
      Requirement req = std::move(queue.front());
      queue.pop_front();
      if (excluded_.count(req.key)) continue;
      if (auto o = overridden_.find(req.key); o != overridden_.end()) req = o->second;
      std::set<std::string> extras(req.extras.begin(), req.extras.end());
      if (!done.insert({req.key, extras}).second) continue;

      std::string why;
      ShippedWheel* wheel = choose(req, why);
      if (!wheel) {
        if (ignore_errors_) continue;
        result.error = why;
        return result;
      }
      chosen_.insert(wheel->file_name);
      for (const Requirement& dep : catalog_.metadata(*wheel).requires_dist)
        if (applies(dep, env_, extras)) queue.push_back(dep);
    }
    result.wheels.assign(chosen_.begin(), chosen_.end());
    return result;
  }

 private:
  // Best tag rank of a wheel for this interpreter; nullopt if incompatible.
  std::optional<size_t> rank_of(const ShippedWheel& w) const {
    std::optional<size_t> best;
    for (const std::string& tag : w.name.tags)
      if (auto it = rank_.find(tag); it != rank_.end() && (!best || it->second < *best))
        best = it->second;
    return best;
  }

  ShippedWheel* choose(const Requirement& req, std::string& why) {
    std::vector<ShippedWheel*> wheels = catalog_.wheels_of(req.key);
    if (wheels.empty()) {
      why = "the PEX has no wheel for " + req.text;
      return nullptr;
    }
    std::vector<std::pair<size_t, ShippedWheel*>> compatible;
    for (ShippedWheel* w : wheels)
      if (auto r = rank_of(*w)) compatible.emplace_back(*r, w);
    std::sort(compatible.begin(), compatible.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second->file_name < b.second->file_name;
    });
    for (const auto& [rank, w] : compatible) {
      std::optional<Version> version = parse_version(w->name.version);
      if (version && !req.specifiers.contains(*version, true)) continue;
      const WheelMetadata& meta = catalog_.metadata(*w);
      if (meta.requires_python && !meta.requires_python->contains(python_.facts.version, true))
        continue;
      return w;
    }
    why = "none of the PEX's wheels for " + req.text + " (";
    for (size_t i = 0; i < wheels.size(); ++i) why += (i ? ", " : "") + wheels[i]->file_name;
    why += ") works with this interpreter";
    return nullptr;
  }

  WheelCatalog& catalog_;
  const Interpreter& python_;
  MarkerEnvironment env_;
  std::map<std::string, Requirement> excluded_;
  std::map<std::string, Requirement> overridden_;
  std::map<std::string, size_t> rank_;
  bool ignore_errors_ = false;
  std::set<std::string> chosen_;
};

}  // namespace

Resolution resolve_wheels(WheelCatalog& catalog, const PexInfo& info, const Interpreter& python,
                          bool ignore_errors) {
  return Resolver(catalog, info, python, ignore_errors).run(info.requirements);
}

nlohmann::json evaluate_markers(WheelCatalog& catalog, const PexInfo& info,
                                const Interpreter& python, const std::vector<std::string>& wheels) {
  std::vector<Requirement> roots;
  for (const std::string& text : info.requirements) roots.push_back(parse_requirement(text));
  std::vector<const Requirement*> requirements;
  for (const Requirement& r : roots) requirements.push_back(&r);
  for (const std::string& file_name : wheels) {
    std::optional<WheelName> name = parse_wheel_name(file_name);
    if (!name) continue;
    for (ShippedWheel* w : catalog.wheels_of(name->key))
      if (w->file_name == file_name)
        for (const Requirement& r : catalog.metadata(*w).requires_dist) requirements.push_back(&r);
  }
  std::vector<std::string> extras = {""};
  for (const Requirement* r : requirements)
    extras.insert(extras.end(), r->extras.begin(), r->extras.end());
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  MarkerEnvironment env = marker_environment(python);
  nlohmann::json results = nlohmann::json::object();
  for (const Requirement* r : requirements) {
    if (!r->marker || results.contains(r->text)) continue;
    nlohmann::json& holds = results[r->text] = nlohmann::json::array();
    for (const std::string& extra : extras) {
      env["extra"] = extra;
      if (r->marker->evaluate(env)) holds.push_back(extra);
    }
  }
  return results;
}

}  // namespace pexrc
