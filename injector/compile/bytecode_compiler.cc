#include "injector/compile/bytecode_compiler.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "common/cache_unit.h"
#include "common/crc32.h"
#include "common/error.h"
#include "common/launch_info.h"
#include "common/le_bytes.h"
#include "common/text.h"
#include "compile_server_py.h"  // generated from compile_server.py
#include "injector/python_identifier.h"
#include "injector/read/entry_roles.h"

extern char** environ;

namespace pexrc {
namespace {

// Only a module whose every package and own name is an identifier can be
// imported; anything else (.prefix/ data, dist-info, templates) would be
// compiled for nothing.
bool importable_source(std::string_view unit_path) {
  std::string_view rest = unit_path;
  if (!consume_suffix(rest, ".py") || rest.empty()) return false;
  for (size_t slash; (slash = rest.find('/')) != std::string_view::npos;
       rest.remove_prefix(slash + 1))
    if (!is_python_identifier(rest.substr(0, slash))) return false;
  return is_python_identifier(rest);
}

// Where Python looks for the .pyc of `source` (an entry name), inside this
// .pexrc's bytecode tree.
std::string bytecode_entry_name(const std::string& source, const std::string& tag) {
  size_t slash = source.rfind('/');
  std::string dir = slash == std::string::npos ? "" : source.substr(0, slash + 1);
  std::string stem = source.substr(dir.size(), source.size() - dir.size() - 3);
  return std::string(kBytecodeDirName) + "/" + tag + "/" + dir + "__pycache__/" + stem + "." + tag +
         ".pyc";
}

// The pyc the input itself ships for `source` (pex --compile), if any.
std::string shipped_pyc_name(const std::string& source, const std::string& tag) {
  return bytecode_entry_name(source, tag).substr(std::strlen(kBytecodeDirName) + tag.size() + 2);
}

void send_all(int fd, const void* data, size_t size, const std::string& who) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(Status::kIo, "compiling bytecode: " + who + " stopped reading");
    p += n;
    size -= size_t(n);
  }
}

void recv_exactly(int fd, void* data, size_t size, const std::string& who) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(Status::kIo, "compiling bytecode: " + who + " stopped answering");
    p += n;
    size -= size_t(n);
  }
}

// One interpreter running compile_server.py, spoken to over a socket (not
// pipes: a server that dies must give an error, not a SIGPIPE).
class CompileServer {
 public:
  explicit CompileServer(const CompileTarget& target) : who_(target.label) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      fail_errno("compiling bytecode: cannot make a socket pair");
    sock_ = UniqueFd(fds[0]);
    UniqueFd theirs(fds[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, theirs.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, theirs.get(), 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    // No PYTHON* variable reaches it but a fixed hash seed, so that the
    // same sources give the same bytes on every build host.
    std::vector<std::string> env_text = {"PYTHONHASHSEED=0"};
    for (char** e = environ; *e; ++e)
      if (std::strncmp(*e, "PYTHON", 6) != 0) env_text.push_back(*e);
    std::vector<char*> env;
    for (std::string& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);
    const char* argv[] = {target.python.c_str(), "-s",   "-S", "-W", "ignore", "-c",
                          kCompileServerPy,      nullptr};
    int rc = ::posix_spawn(&pid_, target.python.c_str(), &actions, nullptr,
                           const_cast<char**>(argv), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
      fail(Status::kIo,
           "compiling bytecode: cannot run " + target.python + ": " + std::strerror(rc));
    std::string tag = read_answer();
    if (tag != target.cache_tag)
      fail(Status::kIo, "compiling bytecode: " + who_ + " says its cache tag is '" + tag +
                            "', not '" + target.cache_tag + "'");
  }

  ~CompileServer() {
    sock_ = UniqueFd();  // end of requests: the server exits
    if (pid_ > 0) {
      int status;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }

  /// The .pyc for `source`, "" if it does not compile with this interpreter.
  std::string compile(const std::string& name, const std::string& source) {
    std::string request;
    put_u32(request, uint32_t(name.size()));
    request += name;
    put_u32(request, uint32_t(source.size()));
    send_all(sock_.get(), request.data(), request.size(), who_);
    send_all(sock_.get(), source.data(), source.size(), who_);
    return read_answer();
  }

 private:
  std::string read_answer() {
    uint8_t size[4];
    recv_exactly(sock_.get(), size, 4, who_);
    uint32_t n = load_u32(size);
    std::string data(n, '\0');
    recv_exactly(sock_.get(), data.data(), n, who_);
    return data;
  }

  std::string who_;
  UniqueFd sock_;
  pid_t pid_ = -1;
};

struct Source {
  std::string name;       ///< entry name in the archive
  std::string unit_path;  ///< relative to its unit: the name it is compiled under
  uint64_t offset = 0;    ///< of its text in the sources' spill file
  uint64_t size = 0;
  std::vector<size_t> targets;  ///< indices into the targets to compile for
};

// Reads back a byte range of the spill file.
class SpillSource : public EntrySource {
 public:
  SpillSource(std::shared_ptr<UniqueFd> fd, uint64_t offset, uint64_t size)
      : fd_(std::move(fd)), offset_(offset), left_(size) {}
  size_t read(void* buf, size_t size) override {
    size_t n = size_t(std::min<uint64_t>(size, left_));
    if (n == 0) return 0;
    if (!pread_exact(fd_->get(), buf, n, offset_))
      fail(Status::kIo, "compiling bytecode: the spill file ended early");
    crc_ = crc32_update(crc_, buf, n);
    offset_ += n;
    left_ -= n;
    return n;
  }
  uint32_t crc32() const override { return crc_; }

 private:
  std::shared_ptr<UniqueFd> fd_;
  uint64_t offset_, left_;
  uint32_t crc_ = 0;
};

UniqueFd make_spill_file(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return UniqueFd(fd);
  std::string pattern = dir + "/.pexrc-bytecode-XXXXXX";
  fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) fail_errno("compiling bytecode: cannot create a file in " + dir);
  ::unlink(pattern.c_str());
  return UniqueFd(fd);
}

// Sources are compiled in lanes: fixed runs of consecutive sources, each
// by fresh interpreters, one lane after another. What a compiler writes can
// depend on what it compiled before (PyPy marks strings it has interned
// already), so each .pyc must come from the same history on every build,
// whatever --jobs is and whichever thread takes the lane.
constexpr uint64_t kLaneBytes = 2 << 20;
constexpr uint64_t kLargestSource = 256 << 20;
constexpr size_t kMaxLanes = 64;

std::vector<size_t> lane_starts(const std::vector<Source>& sources) {
  uint64_t total = 0;
  for (const Source& s : sources) total += s.size;
  uint64_t lanes = std::clamp<uint64_t>(total / kLaneBytes, 1, kMaxLanes);
  uint64_t per_lane = total / lanes + 1;
  std::vector<size_t> starts = {0};
  uint64_t in_lane = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (in_lane >= per_lane) {
      starts.push_back(i);
      in_lane = 0;
    }
    in_lane += sources[i].size;
  }
  starts.push_back(sources.size());
  return starts;
}

}  // namespace

std::unique_ptr<EntrySource> CompiledBytecode::open(const CompiledFile& file) const {
  return std::make_unique<SpillSource>(spill_, file.offset, file.size);
}

CompiledBytecode compile_bytecode(PexInput& input, const std::vector<CompileTarget>& targets,
                                  unsigned jobs, const std::string& spill_dir,
                                  const ProgressSettings& progress_settings) {
  CompiledBytecode out;
  if (targets.empty()) return out;

  // Which targets each source is for: every one for the app's code, those
  // that accept the wheel for a wheel's; none that already has the .pyc.
  std::set<std::string> names;
  {
    std::unique_ptr<InputTree> tree = input.walk();
    InputEntry e;
    while (tree->next(e))
      if (classify_entry(e.name) == EntryRole::kContent) names.insert(e.name);
  }
  auto targets_for = [&](const std::string& name) {
    std::vector<size_t> chosen;
    UnitOf unit = unit_of_entry(name);
    if (unit.kind == UnitOf::kNone || !importable_source(unit.path)) return chosen;
    for (size_t t = 0; t < targets.size(); ++t) {
      if (unit.kind == UnitOf::kWheel && !targets[t].wheels.count(std::string(unit.wheel)))
        continue;
      if (names.count(shipped_pyc_name(name, targets[t].cache_tag))) continue;
      chosen.push_back(t);
    }
    return chosen;
  };
  out.spill_ = std::make_shared<UniqueFd>(make_spill_file(spill_dir));
  // The sources, read once in walk order into a spill file of their own.
  UniqueFd texts = make_spill_file(spill_dir);
  std::vector<Source> sources;
  {
    std::unique_ptr<InputTree> tree = input.walk();
    InputEntry e;
    uint64_t at = 0;
    while (tree->next(e)) {
      // (No module is that big; the servers' protocol counts in 32 bits.)
      if (e.is_directory() || !names.count(e.name) || e.size > kLargestSource) continue;
      std::vector<size_t> chosen = targets_for(e.name);
      if (chosen.empty()) continue;
      std::string text = tree->read_all();
      pwrite_all(texts.get(), text.data(), text.size(), at, "the bytecode spill file");
      sources.push_back(
          {e.name, std::string(unit_of_entry(e.name).path), at, text.size(), std::move(chosen)});
      at += text.size();
    }
  }
  out.sources = sources.size();
  std::vector<size_t> starts = lane_starts(sources);
  uint64_t total_bytes = 0;
  for (const Source& s : sources) total_bytes += s.size * s.targets.size();

  Progress progress(progress_settings, total_bytes, sources.size(),
                    "compiling bytecode: ", "sources");
  std::mutex mu;  // guards the spill file's end, out, progress and failure
  std::optional<Error> failure;
  std::atomic<size_t> next_lane{0};
  auto work = [&] {
    try {
      for (size_t lane; (lane = next_lane++) + 1 < starts.size();) {
        std::vector<std::unique_ptr<CompileServer>> servers(targets.size());
        for (size_t i = starts[lane]; i < starts[lane + 1]; ++i) {
          {
            std::lock_guard<std::mutex> lock(mu);
            if (failure) return;
          }
          const Source& s = sources[i];
          std::string text(s.size, '\0');
          if (!pread_exact(texts.get(), text.data(), s.size, s.offset))
            fail(Status::kIo, "compiling bytecode: the spill file ended early");
          for (size_t t : s.targets) {
            if (!servers[t]) servers[t] = std::make_unique<CompileServer>(targets[t]);
            std::string pyc = servers[t]->compile(s.unit_path, text);
            if (pyc.empty()) continue;
            std::lock_guard<std::mutex> lock(mu);
            pwrite_all(out.spill_->get(), pyc.data(), pyc.size(), out.bytes,
                       "the bytecode spill file");
            out.files.push_back(
                {bytecode_entry_name(s.name, targets[t].cache_tag), out.bytes, pyc.size()});
            out.bytes += pyc.size();
            ++out.files_per_tag[targets[t].cache_tag];
          }
          std::lock_guard<std::mutex> lock(mu);
          progress.wrote(s.size * s.targets.size(), 1);
        }
      }
    } catch (const Error& e) {
      std::lock_guard<std::mutex> lock(mu);
      if (!failure) failure = e;
    }
  };
  std::vector<std::thread> threads;
  try {
    for (unsigned i = 0; i < std::max(1u, jobs); ++i) threads.emplace_back(work);
  } catch (const std::system_error&) {
    // Fewer threads than asked for still compile everything.
    if (threads.empty()) work();
  }
  for (std::thread& t : threads) t.join();
  progress.finish();
  if (failure) throw *failure;
  std::sort(out.files.begin(), out.files.end(),
            [](const CompiledFile& a, const CompiledFile& b) { return a.name < b.name; });
  return out;
}

}  // namespace pexrc
