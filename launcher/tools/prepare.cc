#include "launcher/tools/prepare.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <set>

#include "common/error.h"
#include "common/file_io.h"
#include "common/human_bytes.h"
#include "common/json.h"
#include "common/json_path.h"

namespace pexrc {
namespace {

struct TreeSize {
  uint64_t files = 0, bytes = 0;
};

// Files and bytes the venv makes importable: its own files and, through its
// links, the units it uses, each file once.
void add_tree(const std::string& dir, std::set<std::pair<dev_t, ino_t>>& seen, TreeSize& size) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir + "/" + name;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second) continue;
    if (S_ISDIR(st.st_mode)) {
      add_tree(path, seen, size);
    } else if (S_ISREG(st.st_mode)) {
      ++size.files;
      size.bytes += uint64_t(st.st_size);
    }
  }
  ::closedir(d);
}

}  // namespace

PrepareOptions parse_prepare_args(int argc, char** argv) {
  PrepareOptions options;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json") {
      options.json = true;
    } else if (a == "--help" || a == "-h") {
      std::string help =
          "usage: PEXRC_TOOLS=1 " + std::string(argv[0]) +
          " prepare [--json]\n"
          "\n"
          "Does what a first run does, without running the app: selects the interpreter,\n"
          "extracts what it needs into the cache, builds the venv and compiles its bytecode\n"
          "(now, not in the background). Running it again changes nothing. With\n"
          "PEXRC_ROOT set, this warms a cache that other users can run the app from, also\n"
          "read-only (e.g. RUN PEXRC_ROOT=/opt/pexrc PEXRC_TOOLS=1 ./app.pexrc prepare in\n"
          "a Dockerfile, then USER app). --json prints a summary as JSON.\n";
      write_all(1, help, "stdout");
      std::exit(0);
    } else {
      fail(Status::kUsage, "prepare: unknown argument '" + a + "' (see PEXRC_TOOLS=1 " +
                               std::string(argv[0]) + " prepare --help)");
    }
  }
  return options;
}

void report_prepared(const PrepareOptions& options, const std::string& pex_path,
                     const Interpreter& python, const AppVenv& venv, const CacheRoot& cache,
                     bool built) {
  if (cache.temporary)
    fail(Status::kIo, pex_path +
                          ": cannot prepare: the cache root cannot be used (see the "
                          "warning above), and a temporary root keeps nothing");
  TreeSize size;
  std::set<std::pair<dev_t, ino_t>> seen;
  add_tree(venv.dir, seen, size);
  if (options.json) {
    nlohmann::json j{{"app", path_to_json(pex_path)},
                     {"root", path_to_json(cache.root)},
                     {"venv", path_to_json(venv.dir)},
                     {"interpreter", path_to_json(python.executable)},
                     {"version", python.version_text},
                     {"built", built},
                     {"files", size.files},
                     {"bytes", size.bytes}};
    write_all(1, j.dump(2) + "\n", "stdout");
    return;
  }
  std::string line = std::string(built ? "prepared " : "already prepared ") + pex_path + " for " +
                     python.executable + " (" + python.version_text + "): " + venv.dir + ", " +
                     std::to_string(size.files) + " files, " + human_bytes(size.bytes) + "\n";
  write_all(1, line, "stdout");
}

}  // namespace pexrc
