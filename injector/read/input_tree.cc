#include "injector/read/input_tree.h"

namespace pexrc {

std::string InputTree::read_all() {
  std::string data;
  char buf[1 << 16];
  for (size_t n; (n = read(buf, sizeof buf)) > 0;) data.append(buf, n);
  return data;
}

}  // namespace pexrc
