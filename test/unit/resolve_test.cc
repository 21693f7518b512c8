// The resolver on an in-memory wheel catalog: tags, Requires-Python, markers
// and extras, excludes and overrides, PEX_IGNORE_ERRORS, and the marker
// results the PEX_TOOLS program reads.
#include "launcher/resolve/resolve.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/wheel_metadata.h"
#include "common/wheel_name.h"
#include "test/unit/real_interpreters.h"

namespace pexrc {
namespace {

using Strings = std::vector<std::string>;

class MemoryCatalog final : public WheelCatalog {
 public:
  /// A wheel named `file` whose METADATA has these Requires-Dist lines.
  MemoryCatalog& add(const std::string& file, const Strings& requires_dist,
                     const std::string& requires_python = "") {
    auto wheel = std::make_unique<ShippedWheel>();
    wheel->file_name = file;
    wheel->name = *parse_wheel_name(file);
    std::string text = "Metadata-Version: 2.1\nName: " + wheel->name.distribution +
                       "\nVersion: " + wheel->name.version + "\n";
    if (!requires_python.empty()) text += "Requires-Python: " + requires_python + "\n";
    for (const std::string& r : requires_dist) text += "Requires-Dist: " + r + "\n";
    wheel->metadata = parse_wheel_metadata(text, file);
    wheels_.push_back(std::move(wheel));
    return *this;
  }
  std::vector<ShippedWheel*> wheels_of(const std::string& key) override {
    std::vector<ShippedWheel*> out;
    for (auto& w : wheels_)
      if (w->name.key == key) out.push_back(w.get());
    return out;
  }
  const WheelMetadata& metadata(ShippedWheel& wheel) override { return *wheel.metadata; }

 private:
  std::vector<std::unique_ptr<ShippedWheel>> wheels_;
};

PexInfo requiring(const Strings& requirements) {
  PexInfo info;
  info.requirements = requirements;
  return info;
}

struct Pythons {
  testing::TempDir root;
  CacheRoot cache{root.path(), false, ""};
  Interpreter py311 = testing::identify(testing::python_binary("3.11"), cache);
  Interpreter py27 = testing::identify(testing::python_binary("2.7"), cache);
};

TEST_CASE("resolve: the best-ranked compatible wheel, then its markers' dependencies") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("app-1.0-py2-none-any.whl", {"six", "futures; python_version < \"3\""})
      .add("app-1.0-py3-none-any.whl", {"six", "typing-extensions; python_version >= \"3.8\""})
      .add("six-1.16.0-py2.py3-none-any.whl", {})
      .add("futures-3.4.0-py2-none-any.whl", {})
      .add("typing_extensions-4.9.0-py3-none-any.whl", {});
  PexInfo info = requiring({"app"});
  Resolution on3 = resolve_wheels(catalog, info, p.py311, false);
  CHECK(on3.error == "");
  CHECK(on3.wheels == Strings{"app-1.0-py3-none-any.whl", "six-1.16.0-py2.py3-none-any.whl",
                              "typing_extensions-4.9.0-py3-none-any.whl"});
  Resolution on2 = resolve_wheels(catalog, info, p.py27, false);
  CHECK(on2.wheels == Strings{"app-1.0-py2-none-any.whl", "futures-3.4.0-py2-none-any.whl",
                              "six-1.16.0-py2.py3-none-any.whl"});
}

TEST_CASE("resolve: extras pull in what their markers name, only when asked for") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("web-2.0-py3-none-any.whl", {"socks; extra == \"Proxy\"", "idna"})
      .add("socks-1.0-py3-none-any.whl", {})
      .add("idna-3.6-py3-none-any.whl", {});
  CHECK(resolve_wheels(catalog, requiring({"web"}), p.py311, false).wheels ==
        Strings{"idna-3.6-py3-none-any.whl", "web-2.0-py3-none-any.whl"});
  CHECK(resolve_wheels(catalog, requiring({"web[proxy]"}), p.py311, false).wheels ==
        Strings{"idna-3.6-py3-none-any.whl", "socks-1.0-py3-none-any.whl",
                "web-2.0-py3-none-any.whl"});
}

TEST_CASE("resolve: Requires-Python and version specifiers rule wheels out") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("lib-2.0-py3-none-any.whl", {}, ">=3.12").add("lib-1.0-py3-none-any.whl", {});
  CHECK(resolve_wheels(catalog, requiring({"lib"}), p.py311, false).wheels ==
        Strings{"lib-1.0-py3-none-any.whl"});
  Resolution none = resolve_wheels(catalog, requiring({"lib>=2"}), p.py311, false);
  CHECK(none.error ==
        "none of the PEX's wheels for lib>=2 (lib-2.0-py3-none-any.whl, lib-1.0-py3-none-any.whl) "
        "works with this interpreter");
}

TEST_CASE("resolve: a missing wheel fails, unless errors are ignored") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("app-1.0-py3-none-any.whl", {"gone>=1"});
  Resolution strict = resolve_wheels(catalog, requiring({"app"}), p.py311, false);
  CHECK(strict.error == "the PEX has no wheel for gone>=1");
  Resolution lenient = resolve_wheels(catalog, requiring({"app"}), p.py311, true);
  CHECK(lenient.error == "");
  CHECK(lenient.wheels == Strings{"app-1.0-py3-none-any.whl"});
  PexInfo info = requiring({"app"});
  info.ignore_errors = true;
  CHECK(resolve_wheels(catalog, info, p.py311, false).error == "");
}

TEST_CASE("resolve: excluded projects are skipped, overridden ones replaced") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("app-1.0-py3-none-any.whl", {"dep<2", "heavy"})
      .add("dep-1.0-py3-none-any.whl", {})
      .add("dep-2.0-py3-none-any.whl", {})
      .add("heavy-1.0-py3-none-any.whl", {});
  PexInfo info = requiring({"app"});
  info.excluded = {"heavy"};
  info.overridden = {"dep==2.0"};
  CHECK(resolve_wheels(catalog, info, p.py311, false).wheels ==
        Strings{"app-1.0-py3-none-any.whl", "dep-2.0-py3-none-any.whl"});
}

TEST_CASE("resolve: marker results for the tools, per extra in play") {
  Pythons p;
  MemoryCatalog catalog;
  catalog.add("web-2.0-py3-none-any.whl",
              {"socks; extra == \"proxy\"", "old; python_version < \"3\"", "idna",
               "win; sys_platform == \"win32\" or extra == \"all\""});
  PexInfo info = requiring({"web[proxy]; python_version >= \"3\""});
  nlohmann::json results = evaluate_markers(catalog, info, p.py311, {"web-2.0-py3-none-any.whl"});
  CHECK(results == nlohmann::json::parse(R"({
    "web[proxy]; python_version >= \"3\"": ["", "proxy"],
    "socks; extra == \"proxy\"": ["proxy"],
    "old; python_version < \"3\"": [],
    "win; sys_platform == \"win32\" or extra == \"all\"": []
  })"));
}

}  // namespace
}  // namespace pexrc
