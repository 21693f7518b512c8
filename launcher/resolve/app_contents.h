// resolve: everything a run draws on -- the app's own .pexrc plus the PEXes
// its PEX-INFO pex_path and $PEX_PATH name (pex merges their wheels in) --
// and which parts of each an interpreter needs.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "launcher/environment/run_env.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/resolve/resolve.h"
#include "launcher/resolve/wheel_catalog.h"
#include "launcher/select/interpreter.h"
#include "runtime/cache/cache_root.h"
#include "runtime/locate/payload.h"

namespace pexrc {

class AppContents {
 public:
  /// Opens the PEX_PATH archives (PEX-INFO's entries first, then the
  /// environment's, without repeats); they must be .pexrc files, or .pex
  /// files with an injected .pexrc beside them. PEX_IGNORE_ERRORS applies
  /// to every resolution.
  AppContents(Payload app, const RunEnv& env);

  const Payload& app() const { return sources_[0].payload; }
  /// What identifies the contents in cache keys: every archive's PEX-INFO.
  const std::string& key_text() const { return key_text_; }

  /// "" if every archive's requirements resolve for the interpreter, else why not.
  std::string resolution_error(const Interpreter& python);

  /// evaluate_markers over every archive's resolution for the interpreter.
  nlohmann::json marker_results(const Interpreter& python);

  struct SourcePlan {
    const Payload* payload;
    ExtractPlan plan;
  };
  /// Per archive, the wheels (and code) the interpreter needs and where they
  /// go in the cache. Throws Error(kNoInterpreter) if something does not resolve.
  std::vector<SourcePlan> plan(const Interpreter& python, const CacheRoot& cache);

 private:
  struct Source {
    Payload payload;
    std::unique_ptr<ArchiveWheelCatalog> catalog;
    std::map<std::string, Resolution> resolutions;  // by interpreter binary
  };
  const Resolution& resolve(Source& source, const Interpreter& python);

  std::vector<Source> sources_;
  std::string key_text_;
  bool ignore_errors_ = false;
};

/// One plan for the venv: the app's code first, then the others', then every
/// archive's wheels, each cache directory once.
ExtractPlan merge_plans(const std::vector<AppContents::SourcePlan>& plans);

}  // namespace pexrc
