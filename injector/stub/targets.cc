#include "injector/stub/targets.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/error.h"
#include "common/wheel_name.h"

namespace pexrc {
namespace {

struct Spelling {
  const char* alias;
  const char* target;
};

// pex's --rc target names (pex/rc/pexrc.py): one static launcher per
// architecture serves glibc and musl hosts alike.
constexpr Spelling kAliases[] = {
    {"x86_64-linux-gnu", "x86_64-linux"},     {"x86_64-linux-musl", "x86_64-linux"},
    {"aarch64-linux-gnu", "aarch64-linux"},   {"aarch64-linux-musl", "aarch64-linux"},
    {"armv7-linux-gnueabihf", "armv7-linux"}, {"powerpc64le-linux-gnu", "powerpc64le-linux"},
    {"s390x-linux-gnu", "s390x-linux"},       {"riscv64gc-linux-gnu", "riscv64-linux"},
};

struct Arch {
  const char* suffix;  ///< how the platform tags of this architecture end
  const char* target;
};

// armv7l wheels are for the hard-float ABI (manylinux's armv7l policy), the
// one the armv7 launcher is built for; armv6l ones are not.
constexpr Arch kArchs[] = {
    {"_x86_64", "x86_64-linux"},       {"_aarch64", "aarch64-linux"}, {"_armv7l", "armv7-linux"},
    {"_ppc64le", "powerpc64le-linux"}, {"_s390x", "s390x-linux"},     {"_riscv64", "riscv64-linux"},
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The platform part of each "python-abi-platform" tag of a wheel file name.
std::set<std::string> platforms_of(const WheelName& wheel) {
  std::set<std::string> out;
  for (const std::string& tag : wheel.tags) out.insert(tag.substr(tag.rfind('-') + 1));
  return out;
}

}  // namespace

std::string canonical_target(const std::string& spelling, const Launchers& launchers) {
  std::string name = spelling;
  for (const Spelling& s : kAliases)
    if (spelling == s.alias) name = s.target;
  const std::vector<std::string>& known = launchers.targets;
  if (std::find(known.begin(), known.end(), name) != known.end()) return name;
  fail(Status::kUsage,
       "unknown --target '" + spelling + "' (known: " + join(known) + "; see --list-targets)");
}

std::string target_list(const Launchers& launchers) {
  std::string out;
  for (size_t i = 0; i < launchers.targets.size(); ++i) {
    const std::string& target = launchers.targets[i];
    std::vector<std::string> aliases;
    for (const Spelling& s : kAliases)
      if (target == s.target) aliases.emplace_back(s.alias);
    std::string line = target + (target == launchers.host ? " (host)" : "");
    if (i < launchers.stub_bytes.size()) {
      std::string bytes = std::to_string(launchers.stub_bytes[i]);
      line.resize(std::max<size_t>(line.size() + 2, 30 - bytes.size()), ' ');
      line += bytes + " bytes";
    }
    if (!aliases.empty()) line += "  aliases: " + join(aliases);
    out += line + "\n";
  }
  return out;
}

std::optional<std::string> target_for_platform(std::string_view platform) {
  if (platform == "any") return std::string();
  bool linux_tag = platform.starts_with("manylinux") || platform.starts_with("musllinux") ||
                   platform.starts_with("linux_");
  if (!linux_tag) return std::nullopt;
  for (const Arch& a : kArchs)
    if (platform.ends_with(a.suffix)) return std::string(a.target);
  return std::nullopt;
}

TargetChoice choose_targets(const std::vector<std::string>& requested,
                            const std::vector<std::string>& wheel_files, const std::string& label,
                            const Launchers& launchers) {
  // Per project with native wheels: the targets its wheels serve and its wheels.
  std::map<std::string, std::set<std::string>> served;
  std::map<std::string, std::vector<std::string>> native_wheels;
  std::set<std::string> any_target;
  std::vector<std::string> unusable;  ///< native wheels no known target can use
  for (const std::string& file : wheel_files) {
    std::optional<WheelName> wheel = parse_wheel_name(file);
    if (!wheel) continue;  // not a wheel name: the runtime reports it if it matters
    std::set<std::string> targets;
    bool pure = false;
    for (const std::string& platform : platforms_of(*wheel)) {
      std::optional<std::string> t = target_for_platform(platform);
      if (t && t->empty()) pure = true;
      if (t && !t->empty()) targets.insert(*t);
    }
    if (pure) continue;
    native_wheels[wheel->key].push_back(file);
    served[wheel->key].insert(targets.begin(), targets.end());
    any_target.insert(targets.begin(), targets.end());
    if (targets.empty()) unusable.push_back(file);
  }

  TargetChoice choice;
  if (!requested.empty()) {
    choice.targets = requested;
  } else if (!native_wheels.empty()) {
    if (any_target.empty())
      fail(Status::kUnsupported, label + ": no launcher target can use its native wheels (" +
                                     join(unusable) + "); give --target to write it anyway");
    for (const std::string& t : launchers.targets)
      if (any_target.count(t)) choice.targets.push_back(t);
    for (const std::string& t : any_target)
      if (std::find(choice.targets.begin(), choice.targets.end(), t) == choice.targets.end())
        fail(Status::kUnsupported, label + ": its wheels need the " + t +
                                       " launcher, which this pexrc-inject was built without");
  } else {
    choice.targets = {launchers.host};
  }

  for (const std::string& target : choice.targets) {
    std::vector<std::string> lacking;
    for (const auto& [project, targets] : served)
      if (!targets.count(target))
        for (const std::string& file : native_wheels[project]) lacking.push_back(file);
    if (!lacking.empty())
      choice.warnings.push_back(label + ": the " + target + " launcher cannot use " +
                                join(lacking) + " (no wheel of that project for " + target + ")");
  }
  return choice;
}

}  // namespace pexrc
