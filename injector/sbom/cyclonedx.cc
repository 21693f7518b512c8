#include "injector/sbom/cyclonedx.h"

#include <algorithm>
#include <utility>

#include "injector/sbom/license.h"
#include "injector/sbom/purl.h"
#include "injector/sbom/sbom_common.h"
#include "injector/sbom/spdx_expression.h"

namespace pexrc {
namespace {

using Json = nlohmann::ordered_json;

Json hashes(const std::string& sha256_hex) {
  return Json::array({{{"alg", "SHA-256"}, {"content", sha256_hex}}});
}

Json property(std::string_view name, std::string_view value) {
  return {{"name", name}, {"value", value}};
}

Json licenses(const SbomLicense& license) {
  if (!license.expression.empty() && parse_spdx_expression(license.expression)) {
    return Json::array({{{"expression", license.expression}}});
  }
  // A malformed expression is still what the author declared: kept, as a name.
  std::vector<std::pair<std::string, std::string>> entries;  // ("id" or "name", value)
  if (!license.expression.empty()) entries.emplace_back("name", license.expression);
  if (!license.text.empty()) entries.emplace_back("name", license.text);
  for (const std::string& classifier : sorted_unique(license.classifiers)) {
    std::string_view id = spdx_id_of_classifier(classifier);
    entries.emplace_back(id.empty() ? "name" : "id", id.empty() ? classifier : std::string(id));
  }
  Json out = Json::array();
  for (size_t i = 0; i < entries.size(); ++i) {
    if (std::find(entries.begin(), entries.begin() + i, entries[i]) != entries.begin() + i) {
      continue;
    }
    out.push_back({{"license", {{entries[i].first, entries[i].second}}}});
  }
  return out;
}

Json app_component(const SbomApp& app) {
  Json c = {{"type", "application"}, {"bom-ref", kAppRef}, {"name", app.name}};
  if (!app.code_sha256_hex.empty()) c["hashes"] = hashes(app.code_sha256_hex);
  Json properties = Json::array();
  if (!app.entry_point.empty()) {
    properties.push_back(property("pexrc:entry_point", app.entry_point));
  }
  if (!app.pex_hash.empty()) properties.push_back(property("pex:pex_hash", app.pex_hash));
  if (!properties.empty()) c["properties"] = std::move(properties);
  return c;
}

Json sbom_references(const std::vector<SbomReference>& sboms) {
  Json out = Json::array();
  for (const SbomReference& s : sorted_sboms(sboms)) {
    Json ref = {
        {"url", path_reference(s.path)}, {"comment", "PEP 770 SBOM of the wheel"}, {"type", "bom"}};
    if (!s.sha256_hex.empty()) ref["hashes"] = hashes(s.sha256_hex);
    out.push_back(std::move(ref));
  }
  return out;
}

Json library_component(const SbomComponent& wheel) {
  Json c = {{"type", "library"}, {"bom-ref", wheel.ref}, {"name", wheel.name}};
  if (!wheel.version.empty()) c["version"] = wheel.version;
  if (!wheel.sha256_hex.empty()) c["hashes"] = hashes(wheel.sha256_hex);
  Json declared = licenses(wheel.license);
  if (!declared.empty()) c["licenses"] = std::move(declared);
  c["purl"] = pypi_purl(wheel.name, wheel.version, wheel.wheel_file);
  if (!wheel.sboms.empty()) c["externalReferences"] = sbom_references(wheel.sboms);
  Json properties = Json::array();
  for (const std::string& tag : sorted_unique(wheel.tags)) {
    properties.push_back(property("pexrc:wheel_tag", tag));
  }
  if (!properties.empty()) c["properties"] = std::move(properties);
  return c;
}

Json dependency(std::string_view ref, const std::vector<std::string>& depends_on) {
  return {{"ref", ref}, {"dependsOn", sorted_unique(depends_on)}};
}

}  // namespace

std::string to_cyclonedx_json(const SbomInput& input) {
  std::vector<const SbomComponent*> wheels = checked_components(input);

  Json metadata = Json::object();
  if (input.source_date_epoch) metadata["timestamp"] = sbom_timestamp(*input.source_date_epoch);
  Json tool = {{"type", "application"}, {"name", "pexrc-inject"}};
  if (!input.tool_version.empty()) tool["version"] = input.tool_version;
  metadata["tools"] = {{"components", Json::array({std::move(tool)})}};
  metadata["component"] = app_component(input.app);
  metadata["properties"] =
      Json::array({property("pexrc:hashes",
                            "SHA-256 content hashes of installed files as pexrc records them "
                            "(PEXRC-INFO), not digests of .whl files")});

  Json components = Json::array();
  Json dependencies = Json::array({dependency(kAppRef, input.app.depends_on)});
  for (const SbomComponent* wheel : wheels) {
    components.push_back(library_component(*wheel));
    dependencies.push_back(dependency(wheel->ref, wheel->depends_on));
  }

  Json body = {{"metadata", std::move(metadata)},
               {"components", std::move(components)},
               {"dependencies", std::move(dependencies)}};
  Json bom = {{"bomFormat", "CycloneDX"},
              {"specVersion", "1.6"},
              {"serialNumber", "urn:uuid:" + uuid_of(json_text(body))},
              {"version", 1}};
  for (auto it = body.begin(); it != body.end(); ++it) bom[it.key()] = std::move(it.value());
  return json_text(bom);
}

}  // namespace pexrc
