// Real CPython interpreters for unit tests of the steps that select and
// resolve for one: pyenv's, under PYTHON_VERSIONS_DIR (meson test sets it),
// identified by the launcher's own probe into a throwaway cache root.
#pragma once

#include <doctest/doctest.h>
#include <glob.h>
#include <stdlib.h>

#include <cstdlib>
#include <string>

#include "launcher/select/interpreter.h"
#include "runtime/cache/fs_ops.h"

namespace pexrc::testing {

/// A temporary directory, removed with everything in it at the end of a case.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/pexrc-unit.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path_ = pattern;
  }
  ~TempDir() { remove_tree(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The binary of CPython `version` ("3.11"), e.g. .../versions/3.11.7/bin/python3.11.
inline std::string python_binary(const std::string& version) {
  const char* dir = std::getenv("PYTHON_VERSIONS_DIR");
  INFO("PYTHON_VERSIONS_DIR is not set (run through meson test)");
  REQUIRE(dir != nullptr);
  std::string pattern = std::string(dir) + "/" + version + ".*/bin/python" + version;
  glob_t found;
  REQUIRE(::glob(pattern.c_str(), 0, nullptr, &found) == 0);
  std::string path = found.gl_pathv[found.gl_pathc - 1];
  ::globfree(&found);
  return path;
}

/// Who the interpreter at `path` is, probed with `cache` as the root.
inline Interpreter identify(const std::string& path, const CacheRoot& cache) {
  Trace quiet(0);
  Identities ids = identify_interpreters({path}, cache, quiet);
  INFO(path << ": " << ids.why_not[0]);
  REQUIRE(ids.found[0].has_value());
  return *ids.found[0];
}

}  // namespace pexrc::testing
