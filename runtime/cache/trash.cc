#include "runtime/cache/trash.h"

#include <stdio.h>

namespace pexrc {

bool Trash::take(const std::string& dir) {
  std::string path = cache_.root + "/" + dir;
  std::string to = work_.path() + "/" + std::to_string(serial_++);
  if (::rename(path.c_str(), to.c_str()) != 0) return false;
  ::remove(lock_path_for(cache_, path).c_str());
  if (dir.starts_with("venvs/"))
    ::remove((cache_.locks() + "/compile-" + dir.substr(6) + ".lck").c_str());
  return true;
}

}  // namespace pexrc
