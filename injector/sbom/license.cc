#include "injector/sbom/license.h"

#include <algorithm>
#include <array>

#include "common/metadata_headers.h"
#include "common/text.h"

namespace pexrc {
namespace {

// Classifiers from pypa/trove-classifiers whose name or version leaves no choice of SPDX
// id. Not here on purpose: "Apache Software License", "BSD License", "Python Software
// Foundation License" (PSF-2.0 or Python-2.0?), "W3C License" (three W3C ids), the GNU
// licences without "or later" (-only is not implied), "LGPLv2+" (often meant as 2.1+).
constexpr auto kClassifierIds = std::to_array<ClassifierSpdxId>({
    {"License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"},
    {"License :: CeCILL-B Free Software License Agreement (CECILL-B)", "CECILL-B"},
    {"License :: CeCILL-C Free Software License Agreement (CECILL-C)", "CECILL-C"},
    {"License :: OSI Approved :: Attribution Assurance License", "AAL"},
    {"License :: OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)", "BlueOak-1.0.0"},
    {"License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"},
    {"License :: OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 "
     "(CeCILL-2.1)",
     "CECILL-2.1"},
    {"License :: OSI Approved :: CMU License (MIT-CMU)", "MIT-CMU"},
    {"License :: OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)",
     "CDDL-1.0"},
    {"License :: OSI Approved :: Common Public License", "CPL-1.0"},
    {"License :: OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)", "EPL-1.0"},
    {"License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0"},
    {"License :: OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)", "ECL-2.0"},
    {"License :: OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)", "EUPL-1.0"},
    {"License :: OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)", "EUPL-1.1"},
    {"License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2"},
    {"License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
     "AGPL-3.0-or-later"},
    {"License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)",
     "GPL-2.0-or-later"},
    {"License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)",
     "GPL-3.0-or-later"},
    {"License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)",
     "LGPL-3.0-or-later"},
    {"License :: OSI Approved :: Historical Permission Notice and Disclaimer (HPND)", "HPND"},
    {"License :: OSI Approved :: IBM Public License", "IPL-1.0"},
    {"License :: OSI Approved :: ISC License (ISCL)", "ISC"},
    {"License :: OSI Approved :: MIT License", "MIT"},
    {"License :: OSI Approved :: MIT No Attribution License (MIT-0)", "MIT-0"},
    {"License :: OSI Approved :: MirOS License (MirOS)", "MirOS"},
    {"License :: OSI Approved :: Motosoto License", "Motosoto"},
    {"License :: OSI Approved :: Mozilla Public License 1.0 (MPL)", "MPL-1.0"},
    {"License :: OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)", "MPL-1.1"},
    {"License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"},
    {"License :: OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)",
     "MulanPSL-2.0"},
    {"License :: OSI Approved :: NASA Open Source Agreement v1.3 (NASA-1.3)", "NASA-1.3"},
    {"License :: OSI Approved :: Nethack General Public License", "NGPL"},
    {"License :: OSI Approved :: Nokia Open Source License", "Nokia"},
    {"License :: OSI Approved :: Open Group Test Suite License", "OGTSL"},
    {"License :: OSI Approved :: Open Software License 3.0 (OSL-3.0)", "OSL-3.0"},
    {"License :: OSI Approved :: PostgreSQL License", "PostgreSQL"},
    {"License :: OSI Approved :: Python License (CNRI Python License)", "CNRI-Python"},
    {"License :: OSI Approved :: Ricoh Source Code Public License", "RSCPL"},
    {"License :: OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)", "OFL-1.1"},
    {"License :: OSI Approved :: Sleepycat License", "Sleepycat"},
    {"License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense"},
    {"License :: OSI Approved :: Universal Permissive License (UPL)", "UPL-1.0"},
    {"License :: OSI Approved :: University of Illinois/NCSA Open Source License", "NCSA"},
    {"License :: OSI Approved :: Zero-Clause BSD (0BSD)", "0BSD"},
    {"License :: OSI Approved :: zlib/libpng License", "Zlib"},
});

}  // namespace

SbomLicense read_license_info(std::string_view text) {
  SbomLicense license;
  bool seen_text = false;
  for (MetadataHeader& h : read_metadata_headers(text)) {
    if (equals_ignoring_case(h.name, "License-Expression")) {
      if (license.expression.empty()) license.expression = std::move(h.value);
    } else if (equals_ignoring_case(h.name, "License")) {
      // Only the first License counts, even when it is a licence text and so not kept.
      if (seen_text) continue;
      seen_text = true;
      if (!h.folded && h.value.size() <= kMaxLicenseText && h.value != "UNKNOWN") {
        license.text = std::move(h.value);
      }
    } else if (equals_ignoring_case(h.name, "Classifier")) {
      if (h.value.starts_with("License :: ")) license.classifiers.push_back(std::move(h.value));
    }
  }
  return license;
}

std::span<const ClassifierSpdxId> classifier_spdx_ids() { return kClassifierIds; }

std::string_view spdx_id_of_classifier(std::string_view classifier) {
  auto it = std::find_if(kClassifierIds.begin(), kClassifierIds.end(),
                         [&](const ClassifierSpdxId& c) { return c.classifier == classifier; });
  return it == kClassifierIds.end() ? std::string_view() : it->spdx_id;
}

}  // namespace pexrc
