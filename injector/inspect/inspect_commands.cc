#include "injector/inspect/inspect_commands.h"

#include <chrono>
#include <cstdio>

#include "common/args.h"
#include "common/error.h"
#include "common/human_bytes.h"
#include "common/usable_cpus.h"
#include "injector/inspect/app_summary.h"
#include "injector/inspect/verify.h"

namespace pexrc {
namespace {

constexpr const char* kInfoUsage =
    "usage: pexrc-inject info APP.pexrc [--json]\n"
    "\n"
    "Describes a .pexrc without running it: its launcher's target, identity and size\n"
    "(and whether it is the one this pexrc-inject embeds), the pexrc-inject that wrote\n"
    "it, the entry point, interpreter constraints and requirements from PEX-INFO, the\n"
    "wheels by platform tag, the number of entries, and their sizes as stored and\n"
    "uncompressed. Reads only the headers and the central directory.\n"
    "\n"
    "options:\n"
    "  --json      one JSON object instead of lines (sizes in bytes)\n"
    "  -h, --help  show this help\n"
    "\n"
    "exit status: 0 ok, 64 usage, 65 bad archive, 66 not a .pexrc or missing,\n"
    "67 bad PEX-INFO\n";

constexpr const char* kVerifyUsage =
    "usage: pexrc-inject verify APP.pexrc [-j N] [-q]\n"
    "\n"
    "Reads and decodes every entry of a .pexrc as its launcher would, writing nothing:\n"
    "the central directory and each local header, every stored entry's CRC-32, every\n"
    "zstd frame's checksum and size, the entry names, and the SHA-256 content hash of\n"
    "the app's code and of each wheel, and the SHA-256 of the SBOM, against the ones\n"
    "PEXRC-INFO records. Prints \"ok: ...\" with totals, or the first problem in\n"
    "archive order with its entry name. Memory use does not grow with the file's size.\n"
    "\n"
    "options:\n"
    "  -j, --jobs N  decoding threads (default: usable cores, %u here)\n"
    "  -q, --quiet   print nothing when the file is sound\n"
    "  -h, --help    show this help\n"
    "\n"
    "exit status: 0 sound, 64 usage, 65 corrupt (directory, header, CRC, zstd frame,\n"
    "size, unsafe name), 66 not a .pexrc or missing, 67 bad PEX-INFO, 74 I/O error,\n"
    "76 a content hash does not match (altered after injection)\n";

// The one APP.pexrc argument among `args`; flags are the caller's.
std::string take_input(std::string& input, const std::string& arg, const char* command) {
  if (arg.size() > 1 && arg[0] == '-')
    fail(Status::kUsage,
         std::string(command) + ": unknown option '" + arg + "' (see " + command + " --help)");
  if (!input.empty())
    fail(Status::kUsage,
         std::string(command) + ": more than one file given ('" + input + "', '" + arg + "')");
  return arg;
}

}  // namespace

int run_info_command(const std::vector<std::string>& args) {
  std::string input;
  bool json = false;
  for (const std::string& arg : args) {
    if (arg == "-h" || arg == "--help") {
      std::fputs(kInfoUsage, stdout);
      return 0;
    }
    if (arg == "--json")
      json = true;
    else
      input = take_input(input, arg, "info");
  }
  if (input.empty()) fail(Status::kUsage, "info: no .pexrc given (see info --help)");
  AppSummary s = summarize_pexrc(input);
  std::fputs((json ? summary_json(s) : summary_text(s)).c_str(), stdout);
  return 0;
}

int run_verify_command(const std::vector<std::string>& args) {
  std::string input;
  bool quiet = false;
  unsigned jobs = usable_cpus();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      std::printf(kVerifyUsage, usable_cpus());
      return 0;
    }
    if (arg == "-q" || arg == "--quiet") {
      quiet = true;
    } else if (is_option(arg, "--jobs", "-j")) {
      std::optional<unsigned> n = parse_jobs(option_value(args, i).value_or(""));
      if (!n)
        fail(Status::kUsage,
             "verify: --jobs needs a number between 1 and " + std::to_string(kMaxJobs));
      jobs = *n;
    } else {
      input = take_input(input, arg, "verify");
    }
  }
  if (input.empty()) fail(Status::kUsage, "verify: no .pexrc given (see verify --help)");
  auto start = std::chrono::steady_clock::now();
  PexrcVerifyReport r = verify_pexrc(input, jobs);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet)
    std::printf(
        "ok: %s: %llu entries (%llu files), %s stored, %s decoded, %llu content hashes "
        "match, in %.2f s\n",
        input.c_str(), (unsigned long long)r.entries, (unsigned long long)r.files,
        human_bytes(r.stored_bytes).c_str(), human_bytes(r.uncompressed_bytes).c_str(),
        (unsigned long long)r.units, secs);
  return 0;
}

}  // namespace pexrc
