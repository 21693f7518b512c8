#include "launcher/select/interpreter.h"

#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "common/file_io.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/sha256.h"
#include "launcher/select/musl.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/work_dirs.h"
#include "runtime/select/probe.h"

namespace pexrc {
namespace {

using Json = nlohmann::json;

// Bump when the probe script or the cached fields change.
constexpr int kIdentityFormat = 4;  // 3: "musl" added by the launcher; 4: "cache_tag"

struct BinaryStamp {
  uint64_t dev = 0, ino = 0, size = 0, mtime_ns = 0;
  bool operator==(const BinaryStamp& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && mtime_ns == o.mtime_ns;
  }
};

std::optional<BinaryStamp> stamp_of(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return BinaryStamp{uint64_t(st.st_dev), uint64_t(st.st_ino), uint64_t(st.st_size),
                     uint64_t(st.st_mtim.tv_sec) * 1000000000ull + uint64_t(st.st_mtim.tv_nsec)};
}

Json stamp_json(const BinaryStamp& s) {
  return Json{{"dev", s.dev}, {"ino", s.ino}, {"size", s.size}, {"mtime_ns", s.mtime_ns}};
}

// Turns the probe's JSON into an Interpreter; nullopt if it is not one we know.
std::optional<Interpreter> from_probe(const std::string& candidate, const Json& j) {
  if (!j.is_object()) return std::nullopt;
  auto str = [&](const char* k) -> std::string {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Interpreter in;
  in.candidate = candidate;
  in.executable = path_member(j, "executable");
  in.version_text = str("version");
  std::string impl = str("implementation");
  if (impl == "CPython")
    in.facts.impl = Implementation::kCPython;
  else if (impl == "PyPy")
    in.facts.impl = Implementation::kPyPy;
  else
    return std::nullopt;
  // Development builds report e.g. "3.14.0a1+", which PEP 440 does not allow.
  std::string v = in.version_text;
  if (!v.empty() && v.back() == '+') v.pop_back();
  std::optional<Version> version = parse_version(v);
  if (!version || in.executable.empty()) return std::nullopt;
  in.facts.version = *version;
  auto ft = j.find("free_threaded");
  in.facts.free_threaded = ft != j.end() && ft->is_boolean() && ft->get<bool>();
  in.cache_tag = str("cache_tag");
  auto musl = j.find("musl");
  if (musl != j.end() && musl->is_array() && musl->size() == 2 && (*musl)[0].is_number_integer() &&
      (*musl)[1].is_number_integer())
    in.libc = "musl " + std::to_string((*musl)[0].get<long long>()) + "." +
              std::to_string((*musl)[1].get<long long>());
  in.site_packages = str("site_packages");
  if (in.site_packages.empty() || in.site_packages[0] == '/' ||
      in.site_packages.find("..") != std::string::npos)
    return std::nullopt;
  in.probe_json = j.dump();
  return in;
}

std::string cache_file(const CacheRoot& cache, const std::string& candidate) {
  return cache.interpreters() + "/" + sha256_hex(candidate).substr(0, 32) + ".json";
}

// A cached answer, if the file exists, is ours and the binary has not changed.
std::optional<std::optional<Interpreter>> read_cached(const std::string& file,
                                                      const std::string& candidate,
                                                      const BinaryStamp& stamp) {
  std::string text;
  if (!read_small_file(file, text)) return std::nullopt;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object() || j.value("format", 0) != kIdentityFormat ||
      path_member(j, "candidate") != candidate || j.value("stamp", Json()) != stamp_json(stamp))
    return std::nullopt;
  const Json& probe = j["probe"];
  if (probe.is_null()) return std::optional<Interpreter>();  // cached "not a Python"
  std::optional<Interpreter> in = from_probe(candidate, probe);
  // The candidate may be a shim or wrapper that stayed the same while the
  // binary it runs was upgraded: check the binary too.
  std::optional<BinaryStamp> binary = in ? stamp_of(in->executable) : std::nullopt;
  if (!binary || j.value("binary_stamp", Json()) != stamp_json(*binary)) return std::nullopt;
  return in;
}

// Written whole to a private file and renamed, so readers never see a torn
// entry; concurrent writers produce the same content, and the last one wins.
void write_cached(const CacheRoot& cache, const std::string& file, const std::string& candidate,
                  const BinaryStamp& stamp, const Json& probe) {
  Json j{{"format", kIdentityFormat},
         {"candidate", path_to_json(candidate)},
         {"stamp", stamp_json(stamp)},
         {"probe", probe}};
  if (probe.is_object()) {
    if (std::optional<BinaryStamp> binary = stamp_of(path_member(probe, "executable")))
      j["binary_stamp"] = stamp_json(*binary);
  }
  if (!claim_root(cache).empty()) return;  // not pexrc's (or no longer trusted): not written
  make_dirs(cache.interpreters());
  WorkDir work(cache.work(), "identity");
  std::string tmp = work.path() + "/identity.json";
  write_new_file(tmp, j.dump());
  (void)::rename(tmp.c_str(), file.c_str());
}

}  // namespace

Identities identify_interpreters(const std::vector<std::string>& candidates, const CacheRoot& cache,
                                 const Trace& trace) {
  constexpr const char* kNotPython = "not a working Python interpreter";
  Identities result;
  result.found.resize(candidates.size());
  result.why_not.resize(candidates.size());
  std::vector<size_t> to_probe;
  std::vector<BinaryStamp> stamps(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    std::optional<BinaryStamp> stamp = stamp_of(candidates[i]);
    if (!stamp) {
      result.why_not[i] = kNotPython;
      continue;
    }
    stamps[i] = *stamp;
    auto cached = read_cached(cache_file(cache, candidates[i]), candidates[i], *stamp);
    if (cached) {
      result.found[i] = std::move(*cached);
      if (!result.found[i]) result.why_not[i] = kNotPython;
    } else {
      to_probe.push_back(i);
    }
  }
  if (to_probe.empty()) return result;

  std::vector<std::string> exes;
  for (size_t i : to_probe) exes.push_back(candidates[i]);
  trace.log(1, "probing " + std::to_string(exes.size()) + " interpreter(s)");
  std::vector<ProbeOutcome> outcomes = run_probes(exes);
  for (size_t k = 0; k < to_probe.size(); ++k) {
    size_t i = to_probe[k];
    const ProbeOutcome& outcome = outcomes[k];
    Json probe = nullptr;
    if (outcome.kind == ProbeOutcome::Kind::kAnswered) {
      probe = Json::parse(outcome.output, nullptr, false);
      if (probe.is_discarded() || !probe.is_object()) probe = nullptr;
    }
    // No glibc: perhaps musl, whose version packaging reads from the loader.
    if (probe.is_object() && probe.value("glibc", Json()).is_null()) {
      std::string executable = probe.value("executable", std::string());
      auto musl = musl_libc_of(executable);
      probe["musl"] = musl ? Json::array({musl->major, musl->minor}) : Json();
      if (musl)
        trace.log(1, executable + " runs on musl " + std::to_string(musl->major) + "." +
                         std::to_string(musl->minor) + " (the banner of its loader " +
                         musl->loader + ")");
    }
    result.found[i] = probe.is_null() ? std::nullopt : from_probe(candidates[i], probe);
    if (!result.found[i]) probe = nullptr;
    switch (outcome.kind) {
      case ProbeOutcome::Kind::kLauncher:
        result.why_not[i] = kIsPexrcLauncher;
        break;
      case ProbeOutcome::Kind::kTransient:
        result.why_not[i] = "could not be asked who it is (" + outcome.problem + ")";
        break;
      default:
        if (!result.found[i]) result.why_not[i] = kNotPython;
    }
    trace.log(
        2, "probed " + candidates[i] + ": " +
               (result.found[i] ? result.found[i]->executable + " " + result.found[i]->version_text
                                : result.why_not[i]));
    // Only a definite answer is remembered.
    if (outcome.kind == ProbeOutcome::Kind::kTransient ||
        outcome.kind == ProbeOutcome::Kind::kLauncher)
      continue;
    // The identity cache only saves time: a root we cannot write to (a
    // read-only shared cache, say) must not stop the app.
    try {
      write_cached(cache, cache_file(cache, candidates[i]), candidates[i], stamps[i], probe);
    } catch (const Error& e) {
      trace.log(1, std::string("not caching the identity: ") + e.what());
    }
  }
  return result;
}

}  // namespace pexrc
