#include "injector/write/output_names.h"

#include <set>

#include "common/error.h"
#include "common/text.h"

namespace pexrc {
namespace {

constexpr std::string_view kPlaceholder = "{target}";

std::string replace_all(std::string text, const std::string& target) {
  for (size_t at; (at = text.find(kPlaceholder)) != std::string::npos;)
    text.replace(at, kPlaceholder.size(), target);
  return text;
}

// APP.pex -> APP[.<target>].pexrc; a directory PEX app/ -> app[.<target>].pexrc.
std::string default_output(const std::string& input, const std::string& target_infix) {
  std::string base = input;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  std::string_view stem = base;
  if (!consume_suffix(stem, ".pex") || stem.empty()) stem = base;
  return std::string(stem) + target_infix + ".pexrc";
}

}  // namespace

std::vector<std::string> output_paths(const std::string& input, const std::string& output,
                                      const std::vector<std::string>& targets) {
  const bool several = targets.size() > 1;
  if (several && !output.empty() && output.find(kPlaceholder) == std::string::npos)
    fail(Status::kUsage, "-o " + output + " names one file for " + std::to_string(targets.size()) +
                             " targets; put {target} in it (e.g. app.{target}.pexrc)");
  std::vector<std::string> paths;
  std::set<std::string> seen;
  for (const std::string& target : targets) {
    std::string path = output.empty() ? default_output(input, several ? "." + target : "")
                                      : replace_all(output, target);
    if (path == input) fail(Status::kUsage, "output would overwrite the input " + input);
    if (!seen.insert(path).second)
      fail(Status::kUsage, "two targets would both be written to " + path);
    paths.push_back(path);
  }
  return paths;
}

}  // namespace pexrc
