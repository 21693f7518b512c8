#include "injector/read/input_tree.h"

namespace pexrc {

size_t InputTree::read(void* buf, size_t size) {
  if (!current_) current_ = open();
  return current_->read(buf, size);
}

std::string InputTree::read_all() {
  std::string data;
  char buf[1 << 16];
  for (size_t n; (n = read(buf, sizeof buf)) > 0;) data.append(buf, n);
  return data;
}

}  // namespace pexrc
