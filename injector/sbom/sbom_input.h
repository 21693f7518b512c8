// What an SBOM of a .pexrc describes, as plain data the injector fills from the PEX it
// converts: the app, the wheels it ships and how they depend on each other. cyclonedx.h and
// spdx.h turn it into documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pexrc {

/// The licence information of a wheel's METADATA (read_license_info in license.h).
struct SbomLicense {
  std::string expression;  ///< "License-Expression" (PEP 639, an SPDX expression), or ""
  std::string text;        ///< "License" when a single short line, or ""
  /// Every "Classifier: License :: ..." in file order, e.g. "License :: OSI Approved :: MIT
  /// License".
  std::vector<std::string> classifiers;
};

/// A PEP 770 SBOM a wheel carries in its .dist-info/sboms/.
struct SbomReference {
  /// Its path inside the PEX, e.g.
  /// ".deps/foo-1.0-py3-none-any.whl/foo-1.0.dist-info/sboms/foo.cdx.json".
  std::string path;
  std::string sha256_hex;  ///< SHA-256 of its bytes, lower-case hex
};

/// One wheel the PEX ships.
struct SbomComponent {
  /// Unique among the components and never "app": the wheel's file name. It is the
  /// CycloneDX bom-ref and what the SPDX id is made from.
  std::string ref;
  std::string name;     ///< METADATA "Name", as written; not empty
  std::string version;  ///< METADATA "Version", as written
  /// "PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
  std::string wheel_file;
  /// The wheel's tags expanded, "cp311-cp311-manylinux_2_17_x86_64", ... (any order).
  std::vector<std::string> tags;
  SbomLicense license;
  /// The content hash pexrc records for the wheel's installed files (lower-case hex;
  /// docs/DESIGN.md "Content hashes"), not a digest of the .whl file, which a PEX does not
  /// hold; "" if unknown.
  std::string sha256_hex;
  std::vector<std::string> depends_on;  ///< refs of other components (any order)
  std::vector<SbomReference> sboms;     ///< PEP 770 SBOMs the wheel carries (any order)
};

/// The application itself: the root of the dependency graph.
struct SbomApp {
  std::string name;                     ///< the PEX file's stem, e.g. "cowsay"; not empty
  std::string entry_point;              ///< PEX-INFO entry_point or script; may be ""
  std::string pex_hash;                 ///< PEX-INFO pex_hash (hex), or ""
  std::string code_sha256_hex;          ///< content hash of the app's own code, or "" if none
  std::vector<std::string> depends_on;  ///< refs of the top-level requirements' components
};

/// Everything an SBOM is made from. The output is the same bytes for the same input,
/// whatever the order of components, tags, references and dependencies.
struct SbomInput {
  SbomApp app;
  std::vector<SbomComponent> components;  ///< any order
  std::string tool_version;               ///< pexrc-inject's version, e.g. "0.9.0"
  /// SOURCE_DATE_EPOCH if set (the caller reads the environment): the document's time.
  std::optional<int64_t> source_date_epoch;
};

}  // namespace pexrc
