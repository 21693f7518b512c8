#include "injector/inspect/sbom_command.h"

#include <cstdio>

#include "common/args.h"
#include "common/content_hash.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/pex_info.h"
#include "injector/read/entry_roles.h"
#include "injector/read/pex_input.h"
#include "injector/sbom/cyclonedx.h"
#include "injector/sbom/pex_sbom.h"
#include "injector/sbom/spdx.h"
#include "injector/write/atomic_output.h"
#include "injector/write/unit_hashes.h"
#include "runtime/extract/decode_entry.h"
#include "runtime/locate/payload.h"

namespace pexrc {
namespace {

constexpr const char* kSbomUsage =
    "usage: pexrc-inject sbom APP.pexrc|APP.pex [--format cyclonedx|spdx] [-o FILE]\n"
    "\n"
    "Prints the software bill of materials of an app: the app, every wheel it ships\n"
    "(name, version, purl, platform tags, licence from its METADATA, the SHA-256\n"
    "content hash pexrc records for its files), their dependencies, and the SBOMs the\n"
    "wheels carry (PEP 770). For a .pexrc, the CycloneDX document stored in it when\n"
    "it was injected (checked against PEXRC-INFO; made from its entries if it is older\n"
    "than SBOMs); for a PEX, the one injecting it would store. The same input gives\n"
    "the same bytes; a time is written only when SOURCE_DATE_EPOCH is set.\n"
    "\n"
    "options:\n"
    "  --format F         cyclonedx (CycloneDX 1.6 JSON, the default) or spdx (SPDX 2.3)\n"
    "  -o, --output FILE  write to FILE instead of standard output\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit status: 0 ok, 64 usage, 65 bad archive, 66 not a PEX or missing, 67 bad\n"
    "PEX-INFO, 74 I/O error, 76 the stored SBOM was altered\n";

bool is_pexrc(const std::string& path) {
  try {
    return !open_other_payload(path).launch_info_text.empty();
  } catch (const Error&) {
    return false;  // a PEX (or nothing): read as one, which says what is wrong
  }
}

// From a .pexrc: its entries as the launcher decodes them.
SbomInput input_from_pexrc(const Payload& app) {
  SbomSources sources;
  EntryScratch scratch;
  for (const zip::Entry& e : app.zip->read_all())
    if (SbomSources::wanted(e.name)) sources.add(e.name, read_entry(*app.zip, e, scratch));
  return sources.input(app.info, app.launch, app.path);
}

// From a PEX: every content file hashed as injection hashes it.
SbomInput input_from_pex(const std::string& path) {
  PexInput input(path);
  std::unique_ptr<InputTree> tree = input.walk();
  std::string pex_info_text;
  InputEntry e;
  SbomSources sources;
  std::vector<std::pair<InputEntry, Digest>> files;
  std::vector<std::string> directories;
  std::string buf(1 << 20, '\0');
  while (tree->next(e)) {
    EntryRole role = classify_entry(e.name);
    if (role == EntryRole::kPexInfo) pex_info_text = tree->read_all();
    if (role != EntryRole::kContent) continue;
    if (e.is_directory()) {
      directories.push_back(e.name);
      continue;
    }
    FileHasher hasher;
    std::string data;
    bool keep = SbomSources::wanted(e.name);
    std::unique_ptr<EntrySource> source = tree->open();
    while (size_t n = source->read(buf.data(), buf.size())) {
      hasher.update(buf.data(), n);
      if (keep) data.append(buf.data(), n);
    }
    if (keep) sources.add(e.name, data);
    files.push_back({e, hasher.finish()});
  }
  if (pex_info_text.empty())
    fail(Status::kNotAPex, path + ": not a PEX (no PEX-INFO at the archive root)");
  PexInfo info = parse_pex_info(pex_info_text, path);
  std::vector<std::string> wheels;
  for (const auto& [wheel, fingerprint] : info.distributions) wheels.push_back(wheel);
  UnitHashes units(wheels);
  for (const std::string& d : directories) units.add_directory(d);
  for (const auto& [entry, digest] : files)
    units.add_file(entry.name, output_file_mode(entry.mode), entry.size, digest);
  LaunchInfo hashes;
  units.record_in(hashes);
  return sources.input(info, hashes, path);
}

}  // namespace

int run_sbom_command(const std::vector<std::string>& args) {
  std::string input, format = "cyclonedx", output;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::optional<std::string> value;
    if (arg == "-h" || arg == "--help") {
      std::fputs(kSbomUsage, stdout);
      return 0;
    } else if (is_option(arg, "--format")) {
      value = option_value(args, i);
      if (!value || (*value != "cyclonedx" && *value != "spdx"))
        fail(Status::kUsage, "sbom: --format wants cyclonedx or spdx (see sbom --help)");
      format = *value;
    } else if (is_option(arg, "--output", "-o")) {
      value = option_value(args, i);
      if (!value || value->empty()) fail(Status::kUsage, "sbom: --output needs a file name");
      output = *value;
    } else if (arg.size() > 1 && arg[0] == '-') {
      fail(Status::kUsage, "sbom: unknown option '" + arg + "' (see sbom --help)");
    } else if (!input.empty()) {
      fail(Status::kUsage, "sbom: more than one file given ('" + input + "', '" + arg + "')");
    } else {
      input = arg;
    }
  }
  if (input.empty()) fail(Status::kUsage, "sbom: no APP.pexrc or APP.pex given (see sbom --help)");
  (void)source_date_epoch_from_env();
  std::string text;
  if (is_pexrc(input)) {
    Payload app = open_other_payload(input);
    // Files injected before SBOMs get one made from their entries.
    if (format == "cyclonedx" && !app.launch.sbom_hash.empty())
      text = read_sbom(app);
    else if (format == "cyclonedx")
      text = to_cyclonedx_json(input_from_pexrc(app));
    else
      text = to_spdx_json(input_from_pexrc(app));
  } else {
    SbomInput in = input_from_pex(input);
    text = format == "cyclonedx" ? to_cyclonedx_json(in) : to_spdx_json(in);
  }
  if (output.empty()) {
    write_all(1, text, "stdout");
  } else {
    AtomicOutput out(output);
    pwrite_all(out.fd(), text.data(), text.size(), 0, output);
    out.commit(0644);
  }
  return 0;
}

}  // namespace pexrc
