// The licence information of a wheel's METADATA (core metadata: "License-Expression" from
// PEP 639, "License", trove classifiers), and which classifiers name one SPDX licence.
#pragma once

#include <span>
#include <string_view>

#include "injector/sbom/sbom_input.h"

namespace pexrc {

/// Longest "License" value kept: longer ones are usually a whole licence text.
constexpr size_t kMaxLicenseText = 200;

/// The licence fields of METADATA `text` (headers as read_metadata_headers reads them, names
/// in any case, the body ignored): the first non-empty "License-Expression"; the first
/// "License" when it is a single line (no continuation lines) of at most kMaxLicenseText
/// characters and not "UNKNOWN" (what old setuptools wrote for none); every "Classifier"
/// that starts with "License :: ", in order.
SbomLicense read_license_info(std::string_view text);

/// A classifier and the one SPDX licence it names.
struct ClassifierSpdxId {
  std::string_view classifier;
  std::string_view spdx_id;
};

/// Every classifier that names exactly one licence of the SPDX list, with its id. The others
/// have none: a family ("BSD License"), an open version ("Apache Software License", "GNU
/// General Public License v3 (GPLv3)": only, or or-later?), or no licence at all.
std::span<const ClassifierSpdxId> classifier_spdx_ids();

/// The SPDX id `classifier` names (classifier_spdx_ids), or "" if none.
std::string_view spdx_id_of_classifier(std::string_view classifier);

}  // namespace pexrc
