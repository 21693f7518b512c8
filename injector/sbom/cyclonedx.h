// The SBOM of a .pexrc as CycloneDX 1.6 JSON (cyclonedx.org/docs/1.6/json).
#pragma once

#include <string>

#include "injector/sbom/sbom_input.h"

namespace pexrc {

/// The CycloneDX 1.6 JSON document of `input`, the same bytes for the same input:
///  - serialNumber: a UUID of the rest of the document (sbom_common.h uuid_of), so it names
///    the content rather than one run; version 1.
///  - metadata: timestamp only with a SOURCE_DATE_EPOCH; tools: pexrc-inject; component: the
///    app (bom-ref "app", hashes: its code's content hash, properties "pexrc:entry_point"
///    and "pex:pex_hash"); a property "pexrc:hashes" saying what the hashes are.
///  - components: one library per wheel, sorted (checked_components), with purl, hashes,
///    licenses (a well-formed License-Expression as "expression", otherwise License and
///    classifiers as "license" entries: an "id" where the classifier names one SPDX licence,
///    else a "name"), one "pexrc:wheel_tag" property per tag, sorted, and each PEP 770 SBOM
///    the wheel carries as an externalReference of type "bom" whose url is its path in the
///    PEX (a relative IRI reference), with its SHA-256.
///  - dependencies: the app, then every component, each with its sorted dependsOn (empty
///    for none, so that the graph is complete).
/// Throws Error as checked_components and sbom_timestamp do.
std::string to_cyclonedx_json(const SbomInput& input);

}  // namespace pexrc
