// Starts N copies of one command at the same moment and checks that every
// copy exits 0 with the same stdout as the expected file. Used to hammer
// concurrent cold starts of one .pexrc.
//   usage: run_concurrently N EXPECTED_STDOUT_FILE COMMAND [ARGS...]
#include <boost/process.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace bp = boost::process;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: run_concurrently N EXPECTED_STDOUT_FILE COMMAND [ARGS...]\n");
    return 2;
  }
  int n = std::stoi(argv[1]);
  std::ifstream in(argv[2], std::ios::binary);
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args(argv + 4, argv + argc);

  // All children are running before any output is read, so their cold starts
  // overlap for real.
  std::vector<bp::ipstream> outs(n);
  std::vector<bp::child> children;
  for (int i = 0; i < n; ++i)
    children.emplace_back(bp::exe = argv[3], bp::args = args, bp::std_out > outs[i]);

  int failures = 0;
  for (int i = 0; i < n; ++i) {
    std::string got((std::istreambuf_iterator<char>(outs[i])), std::istreambuf_iterator<char>());
    children[i].wait();
    int code = children[i].exit_code();
    if (code != 0 || got != expected) {
      ++failures;
      std::fprintf(stderr, "run %d: exit %d, stdout %s expected\n", i, code,
                   got == expected ? "as" : "NOT as");
    }
  }
  std::printf("%d of %d concurrent runs succeeded\n", n - failures, n);
  return failures ? 1 : 0;
}
