// Keeps libstdc++'s demangler (~47 KB) out of the static stub.
//
// The only caller of __cxa_demangle in the stub is the default terminate
// handler, which names the type of an exception that escaped. common/error.cc
// catches every std::exception at the top, so that handler runs only for a
// bug (an exception leaving a noexcept function or a thread's body). Failing
// the demangling makes it print the mangled type name instead, which
// `c++filt` still reads; everything else about the crash stays the same.
#include <cstddef>

extern "C" char* __cxa_demangle(const char*, char*, size_t*, int* status) {
  constexpr int kInvalidMangledName = -2;  // the Itanium C++ ABI's status code
  if (status) *status = kInvalidMangledName;
  return nullptr;
}
