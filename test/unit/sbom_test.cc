#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "common/metadata_headers.h"
#include "injector/sbom/cyclonedx.h"
#include "injector/sbom/license.h"
#include "injector/sbom/purl.h"
#include "injector/sbom/sbom_common.h"
#include "injector/sbom/spdx.h"
#include "injector/sbom/spdx_expression.h"

namespace pexrc {
namespace {

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');
const std::string kHashC(64, 'c');
const std::string kHashD(64, 'd');

// An app with three wheels: cowsay -> PyYAML (two builds) -> zope.interface.
SbomInput sample() {
  SbomInput in;
  in.app = {"cowsay", "cowsay.main:cli", "0123abcd", kHashA, {"PyYAML-6.0.2-cp311-cp311-x.whl"}};
  in.tool_version = "0.9.0";

  SbomComponent yaml;
  yaml.ref = yaml.wheel_file = "PyYAML-6.0.2-cp311-cp311-x.whl";
  yaml.name = "PyYAML";
  yaml.version = "6.0.2";
  yaml.tags = {"cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64"};
  yaml.license.text = "MIT";
  yaml.license.classifiers = {"License :: OSI Approved :: MIT License",
                              "License :: OSI Approved :: Apache Software License"};
  yaml.sha256_hex = kHashB;
  yaml.depends_on = {"zope.interface-7.0+local-py3-none-any.whl"};
  yaml.sboms = {
      {".deps/PyYAML-6.0.2-cp311-cp311-x.whl/PyYAML-6.0.2.dist-info/sboms/b.cdx.json", kHashD},
      {".deps/PyYAML-6.0.2-cp311-cp311-x.whl/PyYAML-6.0.2.dist-info/sboms/a b.spdx.json", kHashC}};

  SbomComponent yaml312 = yaml;
  yaml312.ref = yaml312.wheel_file = "PyYAML-6.0.2-cp312-cp312-x.whl";
  yaml312.tags = {"cp312-cp312-manylinux_2_17_x86_64"};
  yaml312.sboms.clear();

  SbomComponent zope;
  zope.ref = zope.wheel_file = "zope.interface-7.0+local-py3-none-any.whl";
  zope.name = "zope.interface";
  zope.version = "7.0+local";
  zope.tags = {"py3-none-any"};
  zope.license.expression = "ZPL-2.1 OR LicenseRef-Zope-Extra";
  zope.sha256_hex = kHashC;

  in.components = {zope, yaml312, yaml};
  return in;
}

// `in` with every list in another order.
SbomInput shuffled(SbomInput in) {
  std::reverse(in.components.begin(), in.components.end());
  std::rotate(in.components.begin(), in.components.begin() + 1, in.components.end());
  for (SbomComponent& c : in.components) {
    std::reverse(c.tags.begin(), c.tags.end());
    std::reverse(c.sboms.begin(), c.sboms.end());
    std::reverse(c.license.classifiers.begin(), c.license.classifiers.end());
  }
  return in;
}

Status error_status(std::string (*write)(const SbomInput&), const SbomInput& in) {
  try {
    write(in);
  } catch (const Error& e) {
    return e.status();
  }
  return Status(0);
}

TEST_CASE("sbom: metadata headers say which were folded") {
  std::vector<MetadataHeader> h =
      read_metadata_headers("Name: a\nLicense: first\n  second\nVersion: 1\n\nBody: x\n");
  REQUIRE(h.size() == 3);
  CHECK(h[1].value == "first  second");
  CHECK(h[1].folded);
  CHECK(!h[0].folded);
  CHECK(!h[2].folded);
}

TEST_CASE("sbom: licence information from METADATA") {
  SbomLicense l = read_license_info(
      "Metadata-Version: 2.4\r\n"
      "Name: demo\r\n"
      "license-expression: MIT OR Apache-2.0\r\n"
      "License-Expression: GPL-3.0-only\r\n"
      "LICENSE: BSD-ish, see LICENSE.txt\r\n"
      "License: second License header\r\n"
      "Classifier: Programming Language :: Python\r\n"
      "Classifier: License :: OSI Approved :: MIT License\r\n"
      "CLASSIFIER: License :: OSI Approved\r\n"
      "\r\n"
      "Classifier: License :: Public Domain\r\n"
      "License-Expression: 0BSD\r\n");
  CHECK(l.expression == "MIT OR Apache-2.0");
  CHECK(l.text == "BSD-ish, see LICENSE.txt");
  CHECK(l.classifiers ==
        Strings{"License :: OSI Approved :: MIT License", "License :: OSI Approved"});
}

TEST_CASE("sbom: a License holding a licence text is left out") {
  // Folded over several lines, as setuptools writes a LICENSE file's text.
  SbomLicense folded = read_license_info(
      "Name: demo\n"
      "License: Copyright (c) 2024 Someone\n"
      "        \n"
      "        Permission is hereby granted, free of charge, to any person\n"
      "Classifier: License :: OSI Approved :: BSD License\n");
  CHECK(folded.text.empty());
  CHECK(folded.classifiers == Strings{"License :: OSI Approved :: BSD License"});
  // One line, but too long to be a name.
  CHECK(read_license_info("License: " + std::string(kMaxLicenseText + 1, 'x') + "\n").text == "");
  CHECK(read_license_info("License: " + std::string(kMaxLicenseText, 'x') + "\n").text.size() ==
        kMaxLicenseText);
  // What old setuptools wrote for no licence; and a later License does not stand in.
  CHECK(read_license_info("License: UNKNOWN\nLicense: MIT\n").text.empty());
  CHECK(read_license_info("Name: x\n\nLicense: MIT\n").text.empty());
}

TEST_CASE("sbom: only classifiers naming one licence map to SPDX ids") {
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: MIT License") == "MIT");
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: GNU General Public License v3 or "
                              "later (GPLv3+)") == "GPL-3.0-or-later");
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: Apache Software License") == "");
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: BSD License") == "");
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: GNU General Public License v3 "
                              "(GPLv3)") == "");
  CHECK(spdx_id_of_classifier("License :: OSI Approved :: mit license") == "");
  std::set<std::string_view> classifiers;
  const std::regex id("[A-Za-z0-9.-]+");
  for (const ClassifierSpdxId& c : classifier_spdx_ids()) {
    CHECK(c.classifier.starts_with("License :: "));
    CHECK(std::regex_match(std::string(c.spdx_id), id));
    CHECK(classifiers.insert(c.classifier).second);
  }
}

TEST_CASE("sbom: SPDX expression syntax") {
  for (const char* ok : {"MIT", "Apache-2.0 OR MIT", "(MIT OR Apache-2.0) AND BSD-3-Clause",
                         "GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0+", "((MIT))",
                         "MIT AND(Apache-2.0)", " MIT\tOR  0BSD "}) {
    CAPTURE(ok);
    auto refs = parse_spdx_expression(ok);
    REQUIRE(refs);
    CHECK(refs->license_refs.empty());
    CHECK(!refs->document_refs);
  }
  for (const char* bad :
       {"", " ", "MIT OR", "OR MIT", "MIT and Apache-2.0", "(MIT", "MIT)", "Apache 2.0", "MIT WITH",
        "(MIT) WITH Classpath-exception-2.0", "MIT WITH (X)", "LicenseRef-", "LicenseRef-a+",
        "MIT/X11", "DocumentRef-:LicenseRef-a", "DocumentRef-a:MIT", "()"}) {
    CAPTURE(bad);
    CHECK(!parse_spdx_expression(bad));
  }
  auto refs = parse_spdx_expression("LicenseRef-b AND (MIT OR LicenseRef-a) AND LicenseRef-b");
  REQUIRE(refs);
  CHECK(refs->license_refs == Strings{"LicenseRef-a", "LicenseRef-b"});
  refs = parse_spdx_expression("DocumentRef-other:LicenseRef-x OR MIT");
  REQUIRE(refs);
  CHECK(refs->document_refs);
  CHECK(refs->license_refs.empty());
  // Nesting is bounded.
  CHECK(parse_spdx_expression(std::string(60, '(') + "MIT" + std::string(60, ')')));
  CHECK(!parse_spdx_expression(std::string(100000, '(') + "MIT" + std::string(100000, ')')));
}

TEST_CASE("sbom: purls of wheels") {
  CHECK(pypi_purl("PyYAML", "6.0.2", "PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.whl") ==
        "pkg:pypi/pyyaml@6.0.2?file_name=PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.whl");
  CHECK(pypi_purl("zope.interface", "7.0", "") == "pkg:pypi/zope-interface@7.0");
  CHECK(pypi_purl("Foo__Bar-.baz", "", "") == "pkg:pypi/foo-bar-baz");
  CHECK(pypi_purl("a", "1!2.0+local.7", "a-1!2.0+local.7-py3-none-any.whl") ==
        "pkg:pypi/a@1%212.0%2Blocal.7?file_name=a-1%212.0%2Blocal.7-py3-none-any.whl");
  CHECK(percent_encode("a b/\xc3\xa9~:") == "a%20b%2F%C3%A9~%3A");
  CHECK(percent_encode("a b/c", "/") == "a%20b/c");
  CHECK(path_reference(".deps/a b/c:d+e@f(1).json") == ".deps/a%20b/c%3Ad+e@f(1).json");
}

TEST_CASE("sbom: CycloneDX document") {
  Json bom = Json::parse(to_cyclonedx_json(sample()));
  CHECK(bom["bomFormat"] == "CycloneDX");
  CHECK(bom["specVersion"] == "1.6");
  CHECK(bom["version"] == 1);
  CHECK(
      std::regex_match(bom["serialNumber"].get<std::string>(),
                       std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                                  "-[0-9a-f]{12}")));
  CHECK(!bom["metadata"].contains("timestamp"));
  CHECK(bom["metadata"]["tools"] ==
        Json::parse(R"({"components": [{"type": "application", "name": "pexrc-inject",
                                        "version": "0.9.0"}]})"));
  CHECK(bom["metadata"]["component"] == Json::parse(R"({
    "type": "application", "bom-ref": "app", "name": "cowsay",
    "hashes": [{"alg": "SHA-256", "content": ")" + kHashA +
                                                    R"("}],
    "properties": [{"name": "pexrc:entry_point", "value": "cowsay.main:cli"},
                   {"name": "pex:pex_hash", "value": "0123abcd"}]})"));

  const Json& components = bom["components"];
  REQUIRE(components.size() == 3);
  Strings order;
  for (const Json& c : components) order.push_back(c["bom-ref"]);
  CHECK(order == Strings{"PyYAML-6.0.2-cp311-cp311-x.whl", "PyYAML-6.0.2-cp312-cp312-x.whl",
                         "zope.interface-7.0+local-py3-none-any.whl"});

  const Json& yaml = components[0];
  CHECK(yaml["type"] == "library");
  CHECK(yaml["name"] == "PyYAML");
  CHECK(yaml["version"] == "6.0.2");
  CHECK(yaml["purl"] == "pkg:pypi/pyyaml@6.0.2?file_name=PyYAML-6.0.2-cp311-cp311-x.whl");
  CHECK(yaml["hashes"] == Json::parse(R"([{"alg": "SHA-256", "content": ")" + kHashB + "\"}]"));
  // The License text, then the classifiers sorted: mapped to an id, or kept as a name.
  CHECK(yaml["licenses"] == Json::parse(R"([
    {"license": {"name": "MIT"}},
    {"license": {"name": "License :: OSI Approved :: Apache Software License"}},
    {"license": {"id": "MIT"}}])"));
  CHECK(yaml["properties"] == Json::parse(R"([
    {"name": "pexrc:wheel_tag", "value": "cp311-cp311-manylinux2014_x86_64"},
    {"name": "pexrc:wheel_tag", "value": "cp311-cp311-manylinux_2_17_x86_64"}])"));
  // PEP 770: each SBOM the wheel carries, by path, its bytes' hash kept.
  CHECK(yaml["externalReferences"] == Json::parse(R"([
    {"url": ".deps/PyYAML-6.0.2-cp311-cp311-x.whl/PyYAML-6.0.2.dist-info/sboms/a%20b.spdx.json",
     "comment": "PEP 770 SBOM of the wheel", "type": "bom",
     "hashes": [{"alg": "SHA-256", "content": ")" +
                                                  kHashC + R"("}]},
    {"url": ".deps/PyYAML-6.0.2-cp311-cp311-x.whl/PyYAML-6.0.2.dist-info/sboms/b.cdx.json",
     "comment": "PEP 770 SBOM of the wheel", "type": "bom",
     "hashes": [{"alg": "SHA-256", "content": ")" +
                                                  kHashD + R"("}]}])"));
  CHECK(!components[1].contains("externalReferences"));

  const Json& zope = components[2];
  CHECK(
      zope["purl"] ==
      "pkg:pypi/zope-interface@7.0%2Blocal?file_name=zope.interface-7.0%2Blocal-py3-none-any.whl");
  CHECK(zope["licenses"] == Json::parse(R"([{"expression": "ZPL-2.1 OR LicenseRef-Zope-Extra"}])"));
}

TEST_CASE("sbom: CycloneDX dependencies list the app and every component") {
  SbomInput in = sample();
  in.app.depends_on.push_back("zope.interface-7.0+local-py3-none-any.whl");
  in.app.depends_on.push_back("PyYAML-6.0.2-cp311-cp311-x.whl");  // twice: listed once
  Json deps = Json::parse(to_cyclonedx_json(in))["dependencies"];
  CHECK(deps == Json::parse(R"([
    {"ref": "app", "dependsOn": ["PyYAML-6.0.2-cp311-cp311-x.whl",
                                 "zope.interface-7.0+local-py3-none-any.whl"]},
    {"ref": "PyYAML-6.0.2-cp311-cp311-x.whl",
     "dependsOn": ["zope.interface-7.0+local-py3-none-any.whl"]},
    {"ref": "PyYAML-6.0.2-cp312-cp312-x.whl",
     "dependsOn": ["zope.interface-7.0+local-py3-none-any.whl"]},
    {"ref": "zope.interface-7.0+local-py3-none-any.whl", "dependsOn": []}])"));
}

TEST_CASE("sbom: licences without an expression, or with a malformed one") {
  SbomInput in = sample();
  in.components = {in.components[0]};
  in.app.depends_on.clear();
  in.components[0].depends_on.clear();
  in.components[0].license = {"Apache 2.0", "", {"License :: OSI Approved :: MIT License"}};
  Json c = Json::parse(to_cyclonedx_json(in))["components"][0];
  CHECK(c["licenses"] ==
        Json::parse(R"([{"license": {"name": "Apache 2.0"}}, {"license": {"id": "MIT"}}])"));
  Json p = Json::parse(to_spdx_json(in))["packages"][1];
  CHECK(p["licenseDeclared"] == "NOASSERTION");
  CHECK(p["licenseComments"] ==
        "License-Expression: Apache 2.0\nClassifier: License :: OSI Approved :: MIT License");

  in.components[0].license = {};
  CHECK(!Json::parse(to_cyclonedx_json(in))["components"][0].contains("licenses"));
  CHECK(!Json::parse(to_spdx_json(in))["packages"][1].contains("licenseComments"));
}

TEST_CASE("sbom: SPDX document") {
  Json doc = Json::parse(to_spdx_json(sample()));
  CHECK(doc["spdxVersion"] == "SPDX-2.3");
  CHECK(doc["dataLicense"] == "CC0-1.0");
  CHECK(doc["SPDXID"] == "SPDXRef-DOCUMENT");
  CHECK(doc["name"] == "cowsay");
  CHECK(std::regex_match(doc["documentNamespace"].get<std::string>(),
                         std::regex("https://pexrc\\.invalid/spdx/cowsay-[0-9a-f-]{36}")));
  CHECK(doc["creationInfo"] == Json::parse(R"({"created": "1970-01-01T00:00:00Z",
                                               "creators": ["Tool: pexrc-inject-0.9.0"]})"));

  const Json& packages = doc["packages"];
  REQUIRE(packages.size() == 4);
  Strings ids;
  const std::regex id_syntax("SPDXRef-[A-Za-z0-9.-]+");
  for (const Json& p : packages) {
    ids.push_back(p["SPDXID"]);
    CHECK(std::regex_match(ids.back(), id_syntax));
    CHECK(p["downloadLocation"] == "NOASSERTION");
    CHECK(p["filesAnalyzed"] == false);
    CHECK(p["licenseConcluded"] == "NOASSERTION");
  }
  CHECK(ids == Strings{"SPDXRef-app", "SPDXRef-wheel-PyYAML-6.0.2-cp311-cp311-x.whl",
                       "SPDXRef-wheel-PyYAML-6.0.2-cp312-cp312-x.whl",
                       "SPDXRef-wheel-zope.interface-7.0-local-py3-none-any.whl"});
  CHECK(packages[0]["primaryPackagePurpose"] == "APPLICATION");
  CHECK(packages[0]["checksums"] ==
        Json::parse(R"([{"algorithm": "SHA256", "checksumValue": ")" + kHashA + "\"}]"));
  CHECK(packages[0]["comment"] == "entry point: cowsay.main:cli; pex_hash: 0123abcd");

  const Json& yaml = packages[1];
  CHECK(yaml["versionInfo"] == "6.0.2");
  CHECK(yaml["packageFileName"] == "PyYAML-6.0.2-cp311-cp311-x.whl");
  CHECK(yaml["primaryPackagePurpose"] == "LIBRARY");
  CHECK(yaml["licenseDeclared"] == "NOASSERTION");
  CHECK(yaml["licenseComments"] ==
        "License: MIT\nClassifier: License :: OSI Approved :: Apache Software License\n"
        "Classifier: License :: OSI Approved :: MIT License");
  CHECK(yaml["comment"] ==
        "wheel tags: cp311-cp311-manylinux2014_x86_64 cp311-cp311-manylinux_2_17_x86_64");
  REQUIRE(yaml["externalRefs"].size() == 3);
  CHECK(yaml["externalRefs"][0] == Json::parse(R"({"referenceCategory": "PACKAGE-MANAGER",
    "referenceType": "purl",
    "referenceLocator": "pkg:pypi/pyyaml@6.0.2?file_name=PyYAML-6.0.2-cp311-cp311-x.whl"})"));
  CHECK(yaml["externalRefs"][2] == Json::parse(R"({"referenceCategory": "OTHER",
    "referenceType": "pep770-sbom",
    "referenceLocator":
        ".deps/PyYAML-6.0.2-cp311-cp311-x.whl/PyYAML-6.0.2.dist-info/sboms/b.cdx.json",
    "comment": "PEP 770 SBOM of the wheel, SHA-256 )" +
                                               kHashD + "\"}"));

  CHECK(packages[3]["licenseDeclared"] == "ZPL-2.1 OR LicenseRef-Zope-Extra");
  REQUIRE(doc["hasExtractedLicensingInfos"].size() == 1);
  CHECK(doc["hasExtractedLicensingInfos"][0]["licenseId"] == "LicenseRef-Zope-Extra");
  CHECK(!doc["hasExtractedLicensingInfos"][0]["extractedText"].get<std::string>().empty());

  CHECK(doc["relationships"] == Json::parse(R"([
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
     "relatedSpdxElement": "SPDXRef-app"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON",
     "relatedSpdxElement": "SPDXRef-wheel-PyYAML-6.0.2-cp311-cp311-x.whl"},
    {"spdxElementId": "SPDXRef-wheel-PyYAML-6.0.2-cp311-cp311-x.whl",
     "relationshipType": "DEPENDS_ON",
     "relatedSpdxElement": "SPDXRef-wheel-zope.interface-7.0-local-py3-none-any.whl"},
    {"spdxElementId": "SPDXRef-wheel-PyYAML-6.0.2-cp312-cp312-x.whl",
     "relationshipType": "DEPENDS_ON",
     "relatedSpdxElement": "SPDXRef-wheel-zope.interface-7.0-local-py3-none-any.whl"}])"));
}

TEST_CASE("sbom: SPDX ids stay unique when wheel names sanitise alike") {
  SbomInput in = sample();
  in.app.depends_on.clear();
  in.components.resize(2);
  for (SbomComponent& c : in.components) c.depends_on.clear();
  in.components[0].ref = "a_b.whl";
  in.components[1].ref = "a+b.whl";
  Json doc = Json::parse(to_spdx_json(in));
  std::set<std::string> ids;
  for (const Json& p : doc["packages"]) ids.insert(p["SPDXID"].get<std::string>());
  CHECK(ids ==
        std::set<std::string>{"SPDXRef-app", "SPDXRef-wheel-a-b.whl", "SPDXRef-wheel-a-b.whl-2"});
}

TEST_CASE("sbom: the same input gives the same bytes, whatever its order") {
  SbomInput in = sample();
  for (auto write : {to_cyclonedx_json, to_spdx_json}) {
    std::string text = write(in);
    CHECK(text.back() == '\n');
    CHECK(text.starts_with("{\n  \""));
    CHECK(write(in) == text);
    CHECK(write(shuffled(in)) == text);
    // Any change of content changes the bytes, serial number or namespace included.
    SbomInput other = in;
    other.components[0].version = "7.1";
    std::string changed = write(other);
    CHECK(changed != text);
    Json a = Json::parse(text), b = Json::parse(changed);
    const char* id_key = a.contains("serialNumber") ? "serialNumber" : "documentNamespace";
    CHECK(a[id_key] != b[id_key]);
  }
}

TEST_CASE("sbom: a time only with SOURCE_DATE_EPOCH") {
  SbomInput in = sample();
  in.source_date_epoch = 1700000000;
  Json bom = Json::parse(to_cyclonedx_json(in));
  CHECK(bom["metadata"]["timestamp"] == "2023-11-14T22:13:20Z");
  CHECK(Json::parse(to_spdx_json(in))["creationInfo"]["created"] == "2023-11-14T22:13:20Z");
  CHECK(bom["serialNumber"] != Json::parse(to_cyclonedx_json(sample()))["serialNumber"]);

  in.source_date_epoch = 0;
  CHECK(Json::parse(to_cyclonedx_json(in))["metadata"]["timestamp"] == "1970-01-01T00:00:00Z");
  in.source_date_epoch = -1;
  CHECK(error_status(to_cyclonedx_json, in) == Status::kUsage);
  in.source_date_epoch = 253402300800;  // 10000-01-01
  CHECK(error_status(to_spdx_json, in) == Status::kUsage);
}

TEST_CASE("sbom: an inconsistent input is a bug of the caller") {
  for (auto write : {to_cyclonedx_json, to_spdx_json}) {
    SbomInput in = sample();
    in.components[0].depends_on.push_back("missing.whl");
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.app.depends_on.push_back("missing.whl");
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.components[1].ref = in.components[0].ref;
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.components[1].ref = "app";
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.components[1].sha256_hex = "ABC";
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.components[2].sboms[0].sha256_hex = std::string(64, 'A');
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.app.name.clear();
    CHECK(error_status(write, in) == Status::kInternal);
    in = sample();
    in.components[0].name.clear();
    CHECK(error_status(write, in) == Status::kInternal);
    CHECK(error_status(write, sample()) == Status(0));
  }
}

}  // namespace
}  // namespace pexrc
