#include "launcher/select/musl.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "common/file_io.h"
#include "common/text.h"

extern char** environ;

namespace pexrc {
namespace {

constexpr uint32_t kPtInterp = 3;
constexpr size_t kMaxInterpPath = 4096;

uint64_t load(const uint8_t* p, size_t size, bool big_endian) {
  uint64_t v = 0;
  for (size_t i = 0; i < size; ++i) v |= uint64_t(p[big_endian ? size - 1 - i : i]) << (8 * i);
  return v;
}

// The loader's banner goes to stderr; it exits non-zero without a program.
std::string run_for_stderr(const std::string& loader) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return "";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  const char* argv[] = {loader.c_str(), nullptr};
  pid_t pid = -1;
  int rc =
      ::posix_spawn(&pid, loader.c_str(), &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string out;
  if (rc == 0) {
    // Bounded: a loader that does not answer within 5 s is not one we trust.
    pollfd p{fds[0], POLLIN, 0};
    char buf[4096];
    while (out.size() < 65536 && ::poll(&p, 1, 5000) > 0) {
      ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      out.append(buf, size_t(n));
    }
    ::kill(pid, SIGKILL);  // harmless once it has exited
    int status;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(fds[0]);
  return out;
}

}  // namespace

std::optional<std::string> elf_interpreter(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  UniqueFd file(fd);
  uint8_t h[64];
  if (!pread_exact(fd, h, sizeof h, 0) || std::memcmp(h,
                                                      "\x7f"
                                                      "ELF",
                                                      4) != 0)
    return std::nullopt;
  const bool is64 = h[4] == 2, big = h[5] == 2;
  if ((h[4] != 1 && h[4] != 2) || (h[5] != 1 && h[5] != 2)) return std::nullopt;
  uint64_t phoff = is64 ? load(h + 32, 8, big) : load(h + 28, 4, big);
  uint64_t phentsize = load(h + (is64 ? 54 : 42), 2, big);
  uint64_t phnum = load(h + (is64 ? 56 : 44), 2, big);
  if (phentsize < (is64 ? 56u : 32u) || phnum > 4096) return std::nullopt;
  for (uint64_t i = 0; i < phnum; ++i) {
    uint8_t ph[56];
    if (!pread_exact(fd, ph, is64 ? 56 : 32, phoff + i * phentsize)) return std::nullopt;
    if (load(ph, 4, big) != kPtInterp) continue;
    uint64_t offset = is64 ? load(ph + 8, 8, big) : load(ph + 4, 4, big);
    uint64_t size = is64 ? load(ph + 32, 8, big) : load(ph + 16, 4, big);
    if (size == 0 || size > kMaxInterpPath) return std::nullopt;
    std::string interp(size_t(size), '\0');
    if (!pread_exact(fd, interp.data(), interp.size(), offset)) return std::nullopt;
    interp.resize(std::strlen(interp.c_str()));  // NUL-terminated in the file
    return interp;
  }
  return std::nullopt;
}

std::optional<std::pair<int, int>> parse_musl_version(std::string_view text) {
  // The first two non-blank lines: "musl libc (arch)" and "Version X.Y.Z".
  std::string_view lines[2];
  size_t found = 0;
  while (!text.empty() && found < 2) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (!line.empty()) lines[found++] = line;
  }
  if (found < 2 || !lines[0].starts_with("musl")) return std::nullopt;
  std::string_view v = lines[1];
  if (!consume_prefix(v, "Version ")) return std::nullopt;
  auto number = [&v](int& out) {
    size_t digits = 0;
    long long n = 0;
    while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9' && n < 100000)
      n = n * 10 + (v[digits++] - '0');
    if (digits == 0 || n >= 100000) return false;
    out = int(n);
    v.remove_prefix(digits);
    return true;
  };
  int major = 0, minor = 0;
  if (!number(major) || v.empty() || v.front() != '.') return std::nullopt;
  v.remove_prefix(1);
  if (!number(minor)) return std::nullopt;
  return std::make_pair(major, minor);
}

std::optional<MuslLibc> musl_libc_of(const std::string& python) {
  std::optional<std::string> loader = elf_interpreter(python);
  if (!loader || loader->find("musl") == std::string::npos) return std::nullopt;
  auto version = parse_musl_version(run_for_stderr(*loader));
  if (!version) return std::nullopt;
  return MuslLibc{*loader, version->first, version->second};
}

}  // namespace pexrc
