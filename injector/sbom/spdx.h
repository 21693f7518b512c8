// The SBOM of a .pexrc as SPDX 2.3 JSON (spdx.github.io/spdx-spec/v2.3).
#pragma once

#include <string>

#include "injector/sbom/sbom_input.h"

namespace pexrc {

/// The SPDX 2.3 JSON document of `input`, the same bytes for the same input:
///  - documentNamespace "https://pexrc.invalid/spdx/<app name>-<UUID of the rest of the
///    document>" (sbom_common.h uuid_of): unique per content, not per run.
///  - creationInfo.created: SOURCE_DATE_EPOCH's time, else "1970-01-01T00:00:00Z": SPDX
///    requires the field and a run's clock would make the bytes differ; creators
///    "Tool: pexrc-inject-<version>".
///  - packages: the app ("SPDXRef-app", purpose APPLICATION, its code's content hash) and
///    one LIBRARY per wheel, sorted (checked_components), SPDXID "SPDXRef-wheel-<ref>" with
///    every character outside [A-Za-z0-9.-] as "-" (and "-2", "-3"... should two collide);
///    downloadLocation NOASSERTION, filesAnalyzed false, checksums SHA256 (the content hash),
///    licenseConcluded NOASSERTION, licenseDeclared the License-Expression when well-formed
///    and free of DocumentRefs, else NOASSERTION (free text and classifiers go to
///    licenseComments), the purl as a PACKAGE-MANAGER externalRef and each PEP 770 SBOM as
///    an OTHER one of type "pep770-sbom" (its path in the PEX, its SHA-256 in the comment).
///  - hasExtractedLicensingInfos: each LicenseRef- the expressions use, once.
///  - relationships: DOCUMENT DESCRIBES the app, the app DEPENDS_ON its requirements, each
///    wheel DEPENDS_ON its own, targets sorted.
/// Throws Error as checked_components and sbom_timestamp do.
std::string to_spdx_json(const SbomInput& input);

}  // namespace pexrc
