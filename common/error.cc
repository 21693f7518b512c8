#include "common/error.h"

#include <cerrno>
#include <cstring>

namespace pexrc {

void fail_errno(std::string what) {
  int saved = errno;
  what += ": ";
  what += std::strerror(saved);
  throw Error(Status::kIo, std::move(what));
}

}  // namespace pexrc
