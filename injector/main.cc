// pexrc-inject: turns a PEX into a .pexrc (native launcher stub + zstd zip).
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/args.h"
#include "common/error.h"
#include "common/human_bytes.h"
#include "common/process_start.h"
#include "common/usable_cpus.h"
#include "injector/config/build_config.h"
#include "injector/inject.h"
#include "injector/inspect/inspect_commands.h"
#include "injector/inspect/sbom_command.h"
#include "injector/prepare/prepare_command.h"
#include "injector/stub/embedded_stubs.h"
#include "injector/stub/targets.h"
#include "runtime/cache/cache_command.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {
namespace {

constexpr const char* kUsage =
    "usage: pexrc-inject [--target TARGET]... [-o OUT] [--jobs N] [--compression-level N]\n"
    "                    [--compile-for PYTHON... | --no-compile]\n"
    "                    [-q | --progress-interval SECONDS] [--config FILE | --no-config]\n"
    "                    APP.pex\n"
    "       pexrc-inject --list-targets\n"
    "       pexrc-inject info APP.pexrc [--json]\n"
    "       pexrc-inject verify APP.pexrc [-j N] [-q]\n"
    "       pexrc-inject sbom APP.pexrc|APP.pex [--format cyclonedx|spdx] [-o FILE]\n"
    "       pexrc-inject cache dir | info [--json] | prune [--older-than AGE] | verify\n"
    "\n"
    "Writes APP.pexrc: a static native launcher for TARGET followed by the PEX's zip,\n"
    "with pex's Python bootstrap (.bootstrap/, __pex__/) removed and every entry but\n"
    "PEX-INFO and __main__.py recompressed with zstd. Run the result as ./APP.pexrc or\n"
    "python APP.pexrc. Same input and options give byte-identical output.\n"
    "\n"
    "Bytecode: the .pyc files of the app's modules and its wheels' are made by the\n"
    "interpreters that will run them and shipped inside (PEXRC-BYTECODE/<tag>/), so\n"
    "a first run on such an interpreter imports without compiling; any other one\n"
    "compiles in the background after its first start. By default they are made\n"
    "by the interpreter the PEX's #! line names, as pex would run it, if it is on\n"
    "PATH and can run the PEX (CPython or PyPy 3.7+), else by each such one on\n"
    "PATH (the output then depends on PATH); --compile-for names them,\n"
    "--no-compile ships none. Each cache tag adds about twice the compressed size\n"
    "of the sources it covers.\n"
    "\n"
    "APP.pex is a zipapp PEX (with a #! line or a --sh-boot script) or a --layout\n"
    "loose/packed PEX directory. Wheels shipped as files (--layout packed,\n"
    "--no-pre-install-wheels) are expanded into the chroots pex pre-installs.\n"
    "\n"
    "Targets: each launcher is static and serves glibc and musl hosts of its CPU.\n"
    "Without --target they come from the platform tags of the PEX's wheels\n"
    "(manylinux/musllinux/linux_<arch>), or the host's for a pure-Python PEX; a PEX\n"
    "whose native wheels no target can use is refused (give --target to write it\n"
    "anyway, with a warning). Several targets give one file each, APP.<target>.pexrc,\n"
    "from one compression of the payload.\n"
    "\n"
    "options:\n"
    "  --target TARGET           a launcher to write, repeatable (known: %s;\n"
    "                            pex's spellings such as aarch64-linux-gnu are aliases)\n"
    "  --list-targets            print the known targets, their launchers' sizes and\n"
    "                            aliases\n"
    "  -o, --output OUT          output path; with several targets it must contain\n"
    "                            {target} (default: APP.pex with .pexrc for .pex)\n"
    "  -j, --jobs N              worker threads that read and compress (default: usable\n"
    "                            cores, %u here)\n"
    "  --compression-level N     zstd level %d..%d (default: %d)\n"
    "  --compile-for PYTHON      ship .pyc files made by PYTHON (a path or a name on\n"
    "                            PATH, CPython or PyPy 3.7+), repeatable; default: the\n"
    "                            one the PEX's #! line names, else each on PATH that\n"
    "                            can run the PEX (one per cache tag)\n"
    "  --no-compile              ship no .pyc files\n"
    "  -q, --quiet               print nothing but errors: no warnings, no progress, no\n"
    "                            summary\n"
    "  --config FILE             read defaults from FILE (TOML; a pyproject.toml is read\n"
    "                            for its [tool.pexrc] table)\n"
    "  --no-config               read no configuration file\n"
    "  --progress-interval SECONDS\n"
    "                            seconds between progress lines when stderr is not a\n"
    "                            terminal (default: 5; 0: a line per chunk or entry written)\n"
    "  -h, --help                show this help\n"
    "  info APP.pexrc            describe a .pexrc: target, launcher, entry point,\n"
    "                            wheels, sizes (see pexrc-inject info --help)\n"
    "  verify APP.pexrc          decode every entry and check every checksum and\n"
    "                            content hash (see pexrc-inject verify --help)\n"
    "  sbom APP                  print the app's SBOM (CycloneDX or SPDX JSON), the\n"
    "                            one a .pexrc carries (see pexrc-inject sbom --help)\n"
    "  prepare APP.pexrc         warm the cache for APP as its first run would, and\n"
    "                            compile its bytecode (see pexrc-inject prepare --help)\n"
    "  cache ...                 the launchers' cache on this machine (see\n"
    "                            pexrc-inject cache --help); apps run the same tools\n"
    "                            with PEXRC_TOOLS=1 ./APP.pexrc cache ...\n"
    "  --version                 show the version\n"
    "\n"
    "Configuration: without --config, ./pexrc.toml, else the [tool.pexrc] table of\n"
    "./pyproject.toml, may set targets (array of strings), compression-level, jobs,\n"
    "output, quiet (true/false), compile-for (array of strings) and compile (false:\n"
    "as --no-compile), as the flags of the same names do; flags win.\n"
    "Here: %s.\n"
    "\n"
    "Progress goes to stderr: on a terminal a bar (bytes and entries written, rate,\n"
    "ETA) redrawn in place and cleared at the end; otherwise plain lines, the first\n"
    "once the work has run 3 s (or SECONDS if shorter), then one every SECONDS.\n"
    "Then one summary line per file \"pexrc-inject: wrote APP.pexrc (...)\".\n"
    "\n"
    "exit status: 0 ok, 64 usage, 65 bad or unsafe archive, 66 not a PEX or missing,\n"
    "67 bad PEX-INFO, 69 unsupported PEX feature, 74 I/O error, 76 (verify) altered,\n"
    "77 (cache) a cache root another user could write to, or no pexrc cache,\n"
    "78 bad configuration file\n";

// Chosen on torch (5.5 GB, 2 cores): level 3 injects in 27 s to 2.75 GB;
// 5 takes ~2x the CPU for 1.3% less, 9 ~4x for 3.7% less (docs/DESIGN.md).
constexpr int kDefaultLevel = 3;

std::string join_targets() {
  std::string s;
  for (const std::string& t : known_targets()) s += (s.empty() ? "" : ", ") + t;
  return s;
}

double parse_seconds(const std::string& flag, const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= 0 && v <= 86400))
    fail(Status::kUsage, flag + " needs seconds between 0 and 86400, got '" + text + "'");
  return v;
}

long parse_number(const std::string& flag, const std::string& text) {
  std::optional<long> v = parse_integer(text);
  if (!v) fail(Status::kUsage, flag + " needs a number, got '" + text + "'");
  return *v;
}

struct CommandLine {
  InjectOptions inject;
  bool show_help = false;
  bool list_targets = false;
};

// What the flags set, before the configuration file fills in the rest.
struct Flags {
  std::vector<std::string> targets;
  std::optional<std::string> output;
  std::optional<unsigned> jobs;
  std::optional<int> level;
  bool quiet = false;
  std::optional<std::string> config;
  bool no_config = false;
  std::vector<std::string> compile_for;
  bool no_compile = false;
};

// File < flags; the built-in defaults under both.
void apply_config(InjectOptions& opt, const Flags& flags, const BuildConfig& config) {
  opt.targets = !flags.targets.empty() ? flags.targets : config.targets.value_or(opt.targets);
  opt.output = flags.output.value_or(config.output.value_or(""));
  opt.jobs = flags.jobs.value_or(config.jobs.value_or(usable_cpus()));
  opt.level = flags.level.value_or(config.compression_level.value_or(kDefaultLevel));
  opt.quiet = flags.quiet || config.quiet.value_or(false);
  if (!flags.compile_for.empty() && flags.no_compile)
    fail(Status::kUsage, "--compile-for and --no-compile exclude each other");
  opt.compile = !flags.no_compile && config.compile.value_or(true);
  if (!flags.no_compile)
    opt.compile_for = !flags.compile_for.empty() ? flags.compile_for
                                                 : config.compile_for.value_or(opt.compile_for);
}

CommandLine parse_args(int argc, char** argv) {
  CommandLine cmd;
  InjectOptions& opt = cmd.inject;
  Flags flags;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string arg = args[i];
    auto value = [&]() -> std::string {
      std::optional<std::string> v = option_value(args, i);
      if (!v) fail(Status::kUsage, arg + " needs a value");
      return *v;
    };
    if (arg == "-h" || arg == "--help") {
      cmd.show_help = true;
    } else if (arg == "-q" || arg == "--quiet") {
      flags.quiet = true;
    } else if (is_option(arg, "--config")) {
      flags.config = value();
    } else if (arg == "--no-config") {
      flags.no_config = true;
    } else if (arg == "--list-targets") {
      cmd.list_targets = true;
    } else if (is_option(arg, "--progress-interval")) {
      opt.progress.line_interval =
          std::chrono::duration<double>(parse_seconds("--progress-interval", value()));
    } else if (arg == "--version") {
      std::printf("pexrc-inject %s\n", PEXRC_VERSION);
      std::exit(0);
    } else if (is_option(arg, "--target")) {
      std::string target =
          canonical_target(value(), embedded_launchers());  // unknown ones fail before any work
      if (std::find(flags.targets.begin(), flags.targets.end(), target) == flags.targets.end())
        flags.targets.push_back(target);
    } else if (is_option(arg, "--compile-for")) {
      flags.compile_for.push_back(value());
      if (flags.compile_for.back().empty())
        fail(Status::kUsage, "--compile-for needs an interpreter");
    } else if (arg == "--no-compile") {
      flags.no_compile = true;
    } else if (is_option(arg, "--output", "-o")) {
      flags.output = value();
    } else if (is_option(arg, "--jobs", "-j")) {
      std::string text = value();
      flags.jobs = parse_jobs(text);
      if (!flags.jobs) {
        parse_number("--jobs", text);  // fails first if it is no number at all
        fail(Status::kUsage, "--jobs must be between 1 and " + std::to_string(kMaxJobs));
      }
    } else if (is_option(arg, "--compression-level")) {
      long n = parse_number("--compression-level", value());
      if (n < ZSTD_minCLevel() || n > ZSTD_maxCLevel())
        fail(Status::kUsage, "--compression-level must be between " +
                                 std::to_string(ZSTD_minCLevel()) + " and " +
                                 std::to_string(ZSTD_maxCLevel()));
      flags.level = int(n);
    } else if (arg.size() > 1 && arg[0] == '-') {
      fail(Status::kUsage, "unknown option '" + arg + "' (see --help)");
    } else if (opt.input.empty()) {
      opt.input = arg;
    } else {
      fail(Status::kUsage, "more than one input PEX given ('" + opt.input + "', '" + arg + "')");
    }
  }
  if (cmd.show_help || cmd.list_targets) return cmd;
  if (flags.config && flags.no_config)
    fail(Status::kUsage, "--config and --no-config exclude each other");
  if (opt.input.empty()) fail(Status::kUsage, "no input PEX given (see --help)");
  apply_config(opt, flags, flags.no_config ? BuildConfig{} : load_build_config(flags.config, "."));
  if (opt.output == opt.input)
    fail(Status::kUsage, "output would overwrite the input " + opt.input);
  opt.progress.style = progress_style_for(2, opt.quiet);
  return cmd;
}

}  // namespace

int run(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "cache")
    return run_cache_command(std::vector<std::string>(argv + 2, argv + argc), "pexrc-inject");
  if (argc > 1 && std::string(argv[1]) == "info")
    return run_info_command(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "verify")
    return run_verify_command(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "sbom")
    return run_sbom_command(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "prepare")
    return run_prepare_command(std::vector<std::string>(argv + 2, argv + argc));
  CommandLine cmd = parse_args(argc, argv);
  const InjectOptions& opt = cmd.inject;
  if (cmd.show_help) {
    std::printf(kUsage, join_targets().c_str(), usable_cpus(), ZSTD_minCLevel(), ZSTD_maxCLevel(),
                kDefaultLevel, describe_config_search(".").c_str());
    return 0;
  }
  if (cmd.list_targets) {
    std::fputs(target_list(embedded_launchers()).c_str(), stdout);
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  InjectReport r = inject(opt);
  if (opt.quiet) return 0;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const WrittenOutput& o : r.outputs)
    std::fprintf(stderr,
                 "pexrc-inject: wrote %s (%s, %llu entries; input %s; %s launcher %s) in %.2f s\n",
                 o.path.c_str(), human_bytes(o.bytes).c_str(), (unsigned long long)r.entries,
                 human_bytes(r.input_bytes).c_str(), o.target.c_str(),
                 human_bytes(o.stub_bytes).c_str(), secs);
  if (r.bytecode_files.empty()) {
    std::fprintf(stderr, "pexrc-inject: no bytecode shipped (%s)\n",
                 !opt.compile ? "--no-compile"
                              : "no Python 3.7+ that can run this PEX on PATH or in --compile-for");
  } else {
    std::string tags;
    for (const auto& [tag, files] : r.bytecode_files)
      tags += (tags.empty() ? "" : ", ") + tag + " (" + std::to_string(files) + " files)";
    std::string by;
    for (const std::string& label : r.compiled_by) by += (by.empty() ? "" : ", ") + label;
    std::fprintf(stderr, "pexrc-inject: shipped bytecode for %s, %s uncompressed; compiled by %s\n",
                 tags.c_str(), human_bytes(r.bytecode_bytes).c_str(), by.c_str());
  }
  return 0;
}

}  // namespace pexrc

int main(int argc, char** argv) {
  pexrc::occupy_closed_std_fds();
  pexrc::refuse_elevated_privileges("pexrc-inject");
  return pexrc::run_reporting_errors("pexrc-inject", pexrc::run, argc, argv);
}
