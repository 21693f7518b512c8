#include "injector/inject.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>
#include <cstdio>
#include <memory>
#include <set>

#include "common/content_hash.h"
#include "common/crc32.h"
#include "common/entry_path.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/launch_info.h"
#include "common/pex_info.h"
#include "common/sha256.h"
#include "common/zip_writer.h"
#include "injector/compile/bytecode_compiler.h"
#include "injector/compile/compile_targets.h"
#include "injector/progress.h"
#include "injector/read/entry_roles.h"
#include "injector/read/pex_input.h"
#include "injector/recompress/pipeline.h"
#include "injector/sbom/cyclonedx.h"
#include "injector/sbom/pex_sbom.h"
#include "injector/stub/embedded_stubs.h"
#include "injector/stub/targets.h"
#include "injector/write/atomic_output.h"
#include "injector/write/fallback_main.h"
#include "injector/write/output_names.h"
#include "injector/write/pex_tools_program.h"
#include "injector/write/unit_hashes.h"

namespace pexrc {
namespace {

// Chunks are the unit of parallel work and, as zstd frames, the unit a
// launcher can decompress in parallel. 4 MiB keeps frames efficient while a
// few hundred MB .so still splits across every core.
// It is also the piece size of the content hash, so each chunk's SHA-256 is
// taken where it is compressed.
constexpr size_t kChunkSize = kHashPieceSize;

struct Scan {
  std::string pex_info;
  LaunchInfo launch;
  uint64_t content_bytes = 0;
  uint64_t content_entries = 0;  ///< files and directories
  SbomSources sbom;
};

// The interpreter pex would run the PEX with: the one its #! line names or,
// for --sh-boot, the first its /bin/sh script looks for.
LaunchInfo launch_info_for(const PexInput& input) {
  std::string head = input.head();
  LaunchInfo launch;
  if (head.starts_with("#!")) {
    size_t eol = head.find('\n');
    if (eol != std::string::npos) launch.shebang = head.substr(0, eol);
  }
  launch.python_hint = python_hint_from_shebang(launch.shebang);
  if (launch.python_hint.empty() && !launch.shebang.empty())
    launch.python_hint = python_hint_from_sh_boot(head);
  launch.injector_version = PEXRC_VERSION;
  return launch;
}

// Pass 1: validate everything before writing anything, so bad input never
// costs a half-written output.
Scan scan_input(PexInput& input, const std::string& path) {
  std::unique_ptr<InputTree> tree = input.walk();
  Scan scan;
  std::vector<std::string> names;
  bool has_pex_info = false;
  InputEntry e;
  while (tree->next(e)) {
    std::string problem = entry_name_problem(e.name);
    if (!problem.empty())
      fail(Status::kBadArchive, path + ": entry name '" + printable_name(e.name) + "' " + problem);
    names.push_back(e.name);
    if (e.name == kLaunchInfoName)
      fail(Status::kUsage, path + ": already a .pexrc; inject the original PEX instead");
    if (e.name == kToolsEntryName || e.name == kSbomEntryName || e.name == kBytecodeDirName ||
        e.name.rfind(std::string(kBytecodeDirName) + "/", 0) == 0)
      fail(Status::kUsage, path + ": entry '" + e.name + "' has a name pexrc keeps for itself");
    EntryRole role = classify_entry(e.name);
    if (role == EntryRole::kPexRuntime) continue;
    if (!S_ISREG(e.mode) && !S_ISDIR(e.mode))
      fail(Status::kUnsupported,
           path + ": entry '" + e.name +
               "' is neither a file nor a directory (symlinks are not supported)");
    if (role == EntryRole::kPexInfo) {
      scan.pex_info = tree->read_all();
      has_pex_info = true;
    } else if (role == EntryRole::kContent) {
      scan.content_bytes += e.size;
      ++scan.content_entries;
      if (S_ISREG(e.mode) && SbomSources::wanted(e.name)) scan.sbom.add(e.name, tree->read_all());
    }
  }
  if (!has_pex_info) fail(Status::kNotAPex, path + ": not a PEX (no PEX-INFO at the archive root)");
  std::string clash = name_clash(std::vector<std::string_view>(names.begin(), names.end()));
  if (!clash.empty()) fail(Status::kBadArchive, path + ": " + clash);
  // Wheel names and fingerprints become directory names at run time.
  for (const auto& [wheel, fingerprint] : parse_pex_info(scan.pex_info, path).distributions) {
    if (!is_plain_component(wheel))
      fail(Status::kBadPexInfo, path + ": PEX-INFO distribution '" + printable_name(wheel) +
                                    "' is not a plain file name");
    if (!is_safe_key(fingerprint))
      fail(Status::kBadPexInfo, path + ": PEX-INFO fingerprint of " + wheel + " ('" +
                                    printable_name(fingerprint) + "') is not a plain key");
  }
  scan.launch = launch_info_for(input);
  return scan;
}

// A directory PEX must not be walked while the output grows inside it.
void refuse_output_inside(const std::string& input, const std::string& output) {
  boost::system::error_code ec;
  boost::filesystem::path in = boost::filesystem::canonical(input, ec);
  if (ec) return;
  boost::filesystem::path out = boost::filesystem::weakly_canonical(output, ec);
  if (ec) return;
  for (boost::filesystem::path p = out.parent_path(); !p.empty(); p = p.parent_path()) {
    if (p == in)
      fail(Status::kUsage, "output " + output + " would be inside the input directory " + input);
    if (p == p.root_path()) break;
  }
}

NewEntry stored_file(const std::string& name, uint64_t size) {
  NewEntry e;
  e.name = name;
  e.unix_mode = S_IFREG | 0644;
  e.size_hint = size;
  return e;
}

// Pass 2: content entries go through the pipeline and are written strictly
// in input order. Progress counts what has been written, so it cannot run
// ahead of the compressors.
class Recompressor {
 public:
  Recompressor(ZipWriter& writer, unsigned jobs, int level, Progress& progress, UnitHashes& units)
      : writer_(writer),
        progress_(progress),
        units_(units),
        pipeline_(jobs, level, kChunkSize, [this](Piece& p) { write(p); }) {}

  void add_directory(const InputEntry& in) {
    units_.add_directory(in.name);
    pipeline_.add_directory(NewEntry{in.name, zip::kMethodStored, S_IFDIR | 0755, 0});
  }

  void add_file(const InputEntry& in, InputTree& tree, const std::string& label) {
    pipeline_.add_file(NewEntry{in.name, zip::kMethodZstd, output_file_mode(in.mode), in.size},
                       in.size, tree.open(), label + ": entry '" + in.name + "'");
  }

  void add_compiled(const CompiledFile& file, const CompiledBytecode& bytecode) {
    pipeline_.add_file(NewEntry{file.name, zip::kMethodZstd, S_IFREG | 0644, file.size}, file.size,
                       bytecode.open(file), "compiled bytecode '" + file.name + "'");
  }

  uint64_t finish() {
    pipeline_.finish();
    return entries_;
  }

 private:
  void write(Piece& p) {
    if (p.header) {
      writer_.begin_entry(*p.header);
      header_ = *p.header;
      frames_ = {};
      frames_.span = kChunkSize;
      pieces_.clear();
    }
    writer_.write_data(p.data);
    if (p.raw_bytes > 0) pieces_.push_back(p.raw_sha256);
    frames_.sizes.push_back(uint32_t(p.data.size()));  // each chunk is one frame
    if (p.ends_entry) {
      writer_.end_entry(p.crc32, p.uncompressed_size, std::move(frames_));
      if (!header_.name.empty() && header_.name.back() != '/')
        units_.add_file(header_.name, header_.unix_mode, p.uncompressed_size,
                        file_digest_of_pieces(pieces_));
      ++entries_;
    }
    progress_.wrote(p.raw_bytes, p.ends_entry ? 1 : 0);
  }

  ZipWriter& writer_;
  Progress& progress_;
  UnitHashes& units_;
  NewEntry header_;             // of the entry being written
  zip::FrameTable frames_;      // of the entry being written
  std::vector<Digest> pieces_;  // of the entry being written
  uint64_t entries_ = 0;
  RecompressPipeline pipeline_;  // last: its workers stop before the rest goes
};

}  // namespace

InjectReport inject(const InjectOptions& opt) {
  PexInput input(opt.input);
  (void)source_date_epoch_from_env();  // refused now rather than after the work
  Scan scan = scan_input(input, opt.input);

  PexInfo pex_info = parse_pex_info(scan.pex_info, opt.input);
  std::vector<std::string> wheels;
  for (const auto& [wheel, fingerprint] : pex_info.distributions) wheels.push_back(wheel);
  // PEX_TOOLS ships only in the files of PEXes built with tools.
  std::string_view tools = pex_info.includes_tools ? std::string_view(kPexToolsProgram) : "";
  TargetChoice choice = choose_targets(opt.targets, wheels, opt.input, embedded_launchers());
  std::vector<std::string> paths = output_paths(opt.input, opt.output, choice.targets);
  if (input.is_directory())
    for (const std::string& path : paths) refuse_output_inside(opt.input, path);
  if (!opt.quiet)
    for (const std::string& warning : choice.warnings)
      std::fprintf(stderr, "pexrc-inject: warning: %s\n", warning.c_str());

  InjectReport report;
  report.input_bytes = input.bytes();

  std::vector<CompileTarget> compile_targets =
      choose_compile_targets(opt.compile_for, opt.compile, scan.launch.python_hint, pex_info);
  std::string out_dir = boost::filesystem::path(paths[0]).parent_path().string();
  CompiledBytecode bytecode = compile_bytecode(input, compile_targets, opt.jobs,
                                               out_dir.empty() ? "." : out_dir, opt.progress);
  for (const CompileTarget& t : compile_targets)
    if (bytecode.files_per_tag.count(t.cache_tag)) report.compiled_by.push_back(t.label);
  report.bytecode_files = bytecode.files_per_tag;
  report.bytecode_bytes = bytecode.bytes;

  // PEXRC-INFO goes in with zeros for the content hashes, which are known once
  // every entry has been hashed and then take the zeros' place (same length).
  UnitHashes units(wheels);
  for (const CompiledFile& file : bytecode.files) units.expect_bytecode(file.name);
  units.record_in(scan.launch);
  std::string zeroed_hash(64, '0');
  scan.launch.code_hash = zeroed_hash;
  for (auto& [wheel, hash] : scan.launch.wheel_hashes) hash = zeroed_hash;
  for (auto& [tag, layer] : scan.launch.bytecode) {
    if (!layer.code_hash.empty()) layer.code_hash = zeroed_hash;
    for (auto& [wheel, hash] : layer.wheel_hashes) hash = zeroed_hash;
  }
  scan.launch.sbom_hash = zeroed_hash;
  std::string launch_json = to_json(scan.launch);
  std::string_view main_py = fallback_main_py();
  uint64_t leading_entries = tools.empty() ? 3 : 4;
  ++leading_entries;  // the SBOM, written last
  uint64_t leading_bytes =
      scan.pex_info.size() + launch_json.size() + main_py.size() + tools.size();
  Progress progress(opt.progress, leading_bytes + scan.content_bytes + bytecode.bytes,
                    leading_entries + scan.content_entries + bytecode.files.size());

  // The first target's file is written entry by entry; every other one
  // copies its entries and gets a directory with offsets moved for its stub.
  std::string_view stub = stub_for_target(choice.targets[0]);
  AtomicOutput out(paths[0]);
  pwrite_all(out.fd(), stub.data(), stub.size(), 0, paths[0]);
  ZipWriter writer(out.fd(), paths[0], stub.size());

  // PEX-INFO leads the central directory so the launcher finds it with one
  // read; both stay uncompressed so every Python's zipimport reads them.
  auto add_stored = [&](const char* name, std::string_view data) {
    writer.add(stored_file(name, data.size()), data, crc32_update(0, data.data(), data.size()),
               data.size());
    progress.wrote(data.size(), 1);
  };
  add_stored("PEX-INFO", scan.pex_info);
  add_stored(kLaunchInfoName, launch_json);
  add_stored("__main__.py", main_py);
  if (!tools.empty()) add_stored(kToolsEntryName, tools);

  std::unique_ptr<InputTree> archive = input.walk();
  uint64_t content_entries = 0;
  {
    Recompressor recompressor(writer, opt.jobs, opt.level, progress, units);
    InputEntry e;
    while (archive->next(e)) {
      if (classify_entry(e.name) != EntryRole::kContent) continue;
      if (e.is_directory()) {
        recompressor.add_directory(e);
      } else {
        recompressor.add_file(e, *archive, opt.input);
        report.raw_bytes += e.size;
      }
    }
    // After the PEX's own entries, in name order: the bytecode of each tag.
    for (const CompiledFile& file : bytecode.files) {
      recompressor.add_compiled(file, bytecode);
      report.raw_bytes += file.size;
    }
    content_entries = recompressor.finish();
  }
  units.record_in(scan.launch);
  // The SBOM names every unit's content hash, so it follows the content.
  std::string sbom = to_cyclonedx_json(scan.sbom.input(pex_info, scan.launch, opt.input));
  // Its size was not known when progress began: it counts as an entry only.
  writer.add(stored_file(kSbomEntryName, sbom.size()), sbom,
             crc32_update(0, sbom.data(), sbom.size()), sbom.size());
  progress.wrote(0, 1);
  scan.launch.sbom_hash = sha256_hex(sbom);
  std::string hashed_json = to_json(scan.launch);
  writer.rewrite_stored(1, hashed_json, crc32_update(0, hashed_json.data(), hashed_json.size()));
  report.entries = content_entries + leading_entries;
  report.raw_bytes += leading_bytes;
  uint64_t first_bytes = writer.finish();

  std::vector<std::unique_ptr<AtomicOutput>> others;
  for (size_t i = 1; i < choice.targets.size(); ++i) {
    std::string_view other_stub = stub_for_target(choice.targets[i]);
    auto other = std::make_unique<AtomicOutput>(paths[i]);
    pwrite_all(other->fd(), other_stub.data(), other_stub.size(), 0, paths[i]);
    uint64_t bytes = writer.copy_to(other->fd(), paths[i], other_stub.size());
    report.outputs.push_back({choice.targets[i], paths[i], bytes, other_stub.size()});
    others.push_back(std::move(other));
  }
  // Committed together at the end: a failure leaves none of them behind.
  out.commit(0755);
  for (auto& other : others) other->commit(0755);
  report.outputs.insert(report.outputs.begin(),
                        WrittenOutput{choice.targets[0], paths[0], first_bytes, stub.size()});
  progress.finish();
  return report;
}

}  // namespace pexrc
