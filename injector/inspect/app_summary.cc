#include "injector/inspect/app_summary.h"

#include <elf.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>

#include "common/cache_unit.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/human_bytes.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/launcher_identity.h"
#include "common/le_bytes.h"
#include "injector/stub/embedded_stubs.h"
#include "runtime/locate/payload.h"

namespace pexrc {
namespace {

// e_machine lies at the same offset in 32- and 64-bit headers, in the byte
// order e_ident gives (s390x's launcher is big-endian).
std::string target_of_elf(const std::string& head, const std::string& path) {
  constexpr size_t kMachineAt = offsetof(Elf64_Ehdr, e_machine);
  if (head.size() < kMachineAt + sizeof(Elf64_Half) || !head.starts_with(ELFMAG))
    fail(Status::kNotAPex, path + ": does not start with a launcher (no ELF header)");
  const auto* bytes = reinterpret_cast<const uint8_t*>(head.data());
  bool big_endian = bytes[EI_DATA] == ELFDATA2MSB;
  uint16_t machine = big_endian ? uint16_t(bytes[kMachineAt] << 8 | bytes[kMachineAt + 1])
                                : load_u16(bytes + kMachineAt);
  switch (machine) {
    case EM_X86_64:
      return "x86_64-linux";
    case EM_AARCH64:
      return "aarch64-linux";
    case EM_ARM:
      return "armv7-linux";
    case EM_PPC64:
      return big_endian ? "powerpc64-linux" : "powerpc64le-linux";
    case EM_S390:
      return "s390x-linux";
    case EM_RISCV:
      return "riscv64-linux";
  }
  return "unknown (ELF machine " + std::to_string(machine) + ")";
}

// The identity string the launcher carries, if any: "pexrc-launcher " then
// printable characters up to a NUL.
std::string identity_in(const std::string& stub) {
  for (size_t at = stub.find(kLauncherIdentityPrefix); at != std::string::npos;
       at = stub.find(kLauncherIdentityPrefix, at + 1)) {
    size_t end = stub.find('\0', at);
    if (end == std::string::npos || end - at > 80) continue;
    std::string s = stub.substr(at, end - at);
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= ' ' && c <= '~'; }) &&
        s.size() > kLauncherIdentityPrefix.size() && s[kLauncherIdentityPrefix.size()] >= '0' &&
        s[kLauncherIdentityPrefix.size()] <= '9')
      return s;
  }
  return "";
}

std::string platform_of_wheel(const std::string& wheel) {
  std::string stem = wheel.size() > 4 ? wheel.substr(0, wheel.size() - 4) : wheel;
  size_t dash = stem.rfind('-');
  return dash == std::string::npos ? "?" : stem.substr(dash + 1);
}

std::string ratio_text(const AppSummary& s) {
  if (s.stored_bytes == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", double(s.uncompressed_bytes) / double(s.stored_bytes));
  return buf;
}

}  // namespace

AppSummary summarize_pexrc(const std::string& path) {
  Payload p = open_other_payload(path);
  AppSummary s;
  s.path = path;
  s.file_bytes = file_size(p.fd.get(), p.path);
  // The zip's offsets count from the start of the file (the stub is part of
  // the archive's prefix space), so the stub ends where PEX-INFO's header starts.
  std::vector<zip::Entry> first = p.zip->read_leading(1);
  s.launcher_bytes = p.zip->prefix_size() + (first.empty() ? 0 : first[0].local_header_offset);
  std::string stub(size_t(s.launcher_bytes), '\0');
  if (!pread_exact(p.fd.get(), stub.data(), stub.size(), 0))
    fail(Status::kBadArchive, path + ": cannot read its launcher");
  s.target = target_of_elf(stub, path);
  s.launcher = identity_in(stub);
  for (const std::string& t : known_targets())
    if (t == s.target) s.launcher_is_this_build = stub_for_target(t) == stub;
  s.injector_version = p.launch.injector_version;
  s.sbom_hash = p.launch.sbom_hash;
  s.entry_point = p.info.entry_point;
  s.script = p.info.script;
  s.interpreter_constraints = p.info.interpreter_constraints;
  s.requirements = p.info.requirements;
  for (const auto& [wheel, fingerprint] : p.info.distributions)
    s.wheels_by_platform[platform_of_wheel(wheel)].push_back(wheel);
  for (const zip::Entry& e : p.zip->read_all()) {
    ++s.entries;
    if (e.is_directory()) continue;
    ++s.files;
    if (e.method == zip::kMethodZstd) ++s.zstd_files;
    s.stored_bytes += e.compressed_size;
    s.uncompressed_bytes += e.uncompressed_size;
    UnitOf unit = unit_of_entry(e.name);
    if (!unit.bytecode_tag.empty()) {
      AppSummary::Bytecode& b = s.bytecode[std::string(unit.bytecode_tag)];
      ++b.files;
      b.stored_bytes += e.compressed_size;
      b.uncompressed_bytes += e.uncompressed_size;
    }
  }
  return s;
}

std::string summary_text(const AppSummary& s) {
  std::string out;
  // Keys padded to one column; a longer key (a long platform tag) is kept whole.
  auto line = [&](const std::string& key, const std::string& value) {
    std::string head = key + ":";
    head.resize(std::max<size_t>(head.size() + 1, 18), ' ');
    out += head + value + "\n";
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string r;
    for (const std::string& x : v) r += (r.empty() ? "" : ", ") + x;
    return r.empty() ? std::string("(none)") : r;
  };
  line("file", s.path + " (" + human_bytes(s.file_bytes) + ")");
  line("target", s.target);
  line("launcher",
       (s.launcher.empty() ? std::string("(no identity: a launcher older than this field)")
                           : s.launcher) +
           ", " + human_bytes(s.launcher_bytes) +
           (s.launcher_is_this_build ? ", this pexrc-inject's" : ", not this pexrc-inject's"));
  line("injected by", "pexrc-inject " + s.injector_version);
  if (!s.sbom_hash.empty())
    line("SBOM", std::string(kSbomEntryName) + " (CycloneDX 1.6; pexrc-inject sbom prints it)");
  if (!s.entry_point.empty())
    line("entry point", s.entry_point);
  else if (!s.script.empty())
    line("script", s.script);
  else
    line("entry point", "(none: runs as python)");
  line("interpreters", join(s.interpreter_constraints));
  line("requirements", join(s.requirements));
  if (s.wheels_by_platform.empty()) line("wheels", "(none)");
  for (const auto& [platform, wheels] : s.wheels_by_platform)
    line("wheels " + platform, std::to_string(wheels.size()) + ": " + join(wheels));
  if (s.bytecode.empty()) line("bytecode", "(none)");
  for (const auto& [tag, b] : s.bytecode)
    line("bytecode " + tag, std::to_string(b.files) + " .pyc files, " +
                                human_bytes(b.stored_bytes) + " stored, " +
                                human_bytes(b.uncompressed_bytes) + " uncompressed");
  line("entries", std::to_string(s.entries) + " (" + std::to_string(s.files) + " files, " +
                      std::to_string(s.zstd_files) + " zstd)");
  line("stored", human_bytes(s.stored_bytes) + " (" + std::to_string(s.stored_bytes) + " B)");
  line("uncompressed",
       human_bytes(s.uncompressed_bytes) + " (" + std::to_string(s.uncompressed_bytes) + " B)");
  line("ratio", ratio_text(s));
  return out;
}

std::string summary_json(const AppSummary& s) {
  nlohmann::json wheels = nlohmann::json::object();
  for (const auto& [platform, names] : s.wheels_by_platform) wheels[platform] = names;
  nlohmann::json bytecode = nlohmann::json::object();
  for (const auto& [tag, b] : s.bytecode)
    bytecode[tag] = {{"files", b.files},
                     {"stored_bytes", b.stored_bytes},
                     {"uncompressed_bytes", b.uncompressed_bytes}};
  nlohmann::json j{
      {"path", path_to_json(s.path)},
      {"file_bytes", s.file_bytes},
      {"target", s.target},
      {"launcher",
       {{"identity", s.launcher.empty() ? nlohmann::json() : nlohmann::json(s.launcher)},
        {"bytes", s.launcher_bytes},
        {"this_build", s.launcher_is_this_build}}},
      {"injector_version", s.injector_version},
      {"sbom", s.sbom_hash.empty() ? nlohmann::json()
                                   : nlohmann::json{{"entry", kSbomEntryName},
                                                    {"format", "CycloneDX 1.6"},
                                                    {"sha256", s.sbom_hash}}},
      {"entry_point", s.entry_point.empty() ? nlohmann::json() : nlohmann::json(s.entry_point)},
      {"script", s.script.empty() ? nlohmann::json() : nlohmann::json(s.script)},
      {"interpreter_constraints", s.interpreter_constraints},
      {"requirements", s.requirements},
      {"wheels_by_platform", wheels},
      {"bytecode", bytecode},
      {"entries", s.entries},
      {"files", s.files},
      {"zstd_files", s.zstd_files},
      {"stored_bytes", s.stored_bytes},
      {"uncompressed_bytes", s.uncompressed_bytes},
      {"compression_ratio",
       s.stored_bytes ? nlohmann::json(double(s.uncompressed_bytes) / double(s.stored_bytes))
                      : nlohmann::json()},
  };
  return j.dump(2) + "\n";
}

}  // namespace pexrc
