#include "injector/sbom/spdx.h"

#include <map>
#include <optional>
#include <set>

#include "injector/sbom/purl.h"
#include "injector/sbom/sbom_common.h"
#include "injector/sbom/spdx_expression.h"

namespace pexrc {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kAppId = "SPDXRef-app";
constexpr std::string_view kNoAssertion = "NOASSERTION";

// SPDXRef-wheel-<ref>, unique: ids for the components in order.
std::map<std::string, std::string> spdx_ids(const std::vector<const SbomComponent*>& wheels) {
  std::map<std::string, std::string> ids;
  std::set<std::string> taken;
  for (const SbomComponent* wheel : wheels) {
    std::string id = "SPDXRef-wheel-";
    for (char c : wheel->ref) {
      bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-';
      id += ok ? c : '-';
    }
    std::string unique = id;
    for (int n = 2; !taken.insert(unique).second; ++n) unique = id + "-" + std::to_string(n);
    ids[wheel->ref] = unique;
  }
  return ids;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

Json checksums(const std::string& sha256_hex) {
  return Json::array({{{"algorithm", "SHA256"}, {"checksumValue", sha256_hex}}});
}

Json base_package(std::string_view id, const std::string& name) {
  return {
      {"SPDXID", id}, {"name", name}, {"downloadLocation", kNoAssertion}, {"filesAnalyzed", false}};
}

Json app_package(const SbomApp& app) {
  Json p = base_package(kAppId, app.name);
  if (!app.code_sha256_hex.empty()) p["checksums"] = checksums(app.code_sha256_hex);
  p["licenseConcluded"] = kNoAssertion;
  p["licenseDeclared"] = kNoAssertion;
  p["copyrightText"] = kNoAssertion;
  p["primaryPackagePurpose"] = "APPLICATION";
  std::vector<std::string> notes;
  if (!app.entry_point.empty()) notes.push_back("entry point: " + app.entry_point);
  if (!app.pex_hash.empty()) notes.push_back("pex_hash: " + app.pex_hash);
  std::string comment = joined(notes, "; ");
  if (!comment.empty()) p["comment"] = comment;
  return p;
}

// licenseDeclared and licenseComments of a wheel; adds the LicenseRefs it uses to `refs`.
void add_license(Json& p, const SbomLicense& license, std::set<std::string>& refs) {
  std::optional<SpdxExpressionRefs> parsed;
  if (!license.expression.empty()) parsed = parse_spdx_expression(license.expression);
  bool declared = parsed && !parsed->document_refs;
  p["licenseConcluded"] = kNoAssertion;
  p["licenseDeclared"] = declared ? license.expression : std::string(kNoAssertion);
  if (declared) refs.insert(parsed->license_refs.begin(), parsed->license_refs.end());

  std::vector<std::string> lines;
  if (!license.expression.empty() && !declared) {
    lines.push_back("License-Expression: " + license.expression);
  }
  if (!license.text.empty()) lines.push_back("License: " + license.text);
  for (const std::string& c : sorted_unique(license.classifiers)) {
    lines.push_back("Classifier: " + c);
  }
  if (!lines.empty()) p["licenseComments"] = joined(lines, "\n");
}

Json external_refs(const SbomComponent& wheel) {
  Json refs =
      Json::array({{{"referenceCategory", "PACKAGE-MANAGER"},
                    {"referenceType", "purl"},
                    {"referenceLocator", pypi_purl(wheel.name, wheel.version, wheel.wheel_file)}}});
  for (const SbomReference& s : sorted_sboms(wheel.sboms)) {
    Json ref = {{"referenceCategory", "OTHER"},
                {"referenceType", "pep770-sbom"},
                {"referenceLocator", path_reference(s.path)}};
    ref["comment"] = "PEP 770 SBOM of the wheel" +
                     (s.sha256_hex.empty() ? std::string() : ", SHA-256 " + s.sha256_hex);
    refs.push_back(std::move(ref));
  }
  return refs;
}

Json wheel_package(const SbomComponent& wheel, const std::string& id,
                   std::set<std::string>& license_refs) {
  Json p = base_package(id, wheel.name);
  if (!wheel.version.empty()) p["versionInfo"] = wheel.version;
  if (!wheel.wheel_file.empty()) p["packageFileName"] = wheel.wheel_file;
  if (!wheel.sha256_hex.empty()) p["checksums"] = checksums(wheel.sha256_hex);
  add_license(p, wheel.license, license_refs);
  p["copyrightText"] = kNoAssertion;
  p["externalRefs"] = external_refs(wheel);
  p["primaryPackagePurpose"] = "LIBRARY";
  if (!wheel.tags.empty()) p["comment"] = "wheel tags: " + joined(sorted_unique(wheel.tags), " ");
  return p;
}

Json relationship(std::string_view from, std::string_view type, std::string_view to) {
  return {{"spdxElementId", from}, {"relationshipType", type}, {"relatedSpdxElement", to}};
}

void add_depends_on(Json& relationships, std::string_view from,
                    const std::vector<std::string>& targets,
                    const std::map<std::string, std::string>& ids) {
  std::vector<std::string> to;
  for (const std::string& ref : targets) to.push_back(ids.at(ref));
  for (const std::string& id : sorted_unique(std::move(to))) {
    relationships.push_back(relationship(from, "DEPENDS_ON", id));
  }
}

}  // namespace

std::string to_spdx_json(const SbomInput& input) {
  std::vector<const SbomComponent*> wheels = checked_components(input);
  std::map<std::string, std::string> ids = spdx_ids(wheels);

  std::string tool = "Tool: pexrc-inject";
  if (!input.tool_version.empty()) tool += "-" + input.tool_version;
  Json creation = {{"created", input.source_date_epoch ? sbom_timestamp(*input.source_date_epoch)
                                                       : "1970-01-01T00:00:00Z"},
                   {"creators", Json::array({tool})}};

  Json packages = Json::array({app_package(input.app)});
  std::set<std::string> license_refs;
  for (const SbomComponent* wheel : wheels) {
    packages.push_back(wheel_package(*wheel, ids.at(wheel->ref), license_refs));
  }

  Json relationships = Json::array({relationship("SPDXRef-DOCUMENT", "DESCRIBES", kAppId)});
  add_depends_on(relationships, kAppId, input.app.depends_on, ids);
  for (const SbomComponent* wheel : wheels) {
    add_depends_on(relationships, ids.at(wheel->ref), wheel->depends_on, ids);
  }

  Json body = {{"name", input.app.name},
               {"creationInfo", std::move(creation)},
               {"comment",
                "Package checksums are SHA-256 content hashes of installed files as pexrc "
                "records them (PEXRC-INFO), not digests of .whl files."},
               {"packages", std::move(packages)}};
  if (!license_refs.empty()) {
    Json infos = Json::array();
    for (const std::string& ref : license_refs) {
      infos.push_back({{"licenseId", ref},
                       {"extractedText",
                        "Not copied into this document: see the licence files of the "
                        "packages whose License-Expression names it."}});
    }
    body["hasExtractedLicensingInfos"] = std::move(infos);
  }
  body["relationships"] = std::move(relationships);

  std::string name_in_uri = percent_encode(input.app.name);
  Json doc = {{"spdxVersion", "SPDX-2.3"},
              {"dataLicense", "CC0-1.0"},
              {"SPDXID", "SPDXRef-DOCUMENT"},
              {"name", input.app.name},
              {"documentNamespace",
               "https://pexrc.invalid/spdx/" + name_in_uri + "-" + uuid_of(json_text(body))}};
  for (auto it = body.begin(); it != body.end(); ++it) doc[it.key()] = std::move(it.value());
  return json_text(doc);
}

}  // namespace pexrc
