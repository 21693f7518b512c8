#include "injector/stub/targets.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "injector/write/output_names.h"

namespace pexrc {
namespace {

using Strings = std::vector<std::string>;

// The exit status a call fails with, 0 if it does not.
int status_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return int(e.status());
  }
  return 0;
}

// The launchers of a two-target build on x86_64, whatever this build embeds.
const Launchers kBoth = {{"x86_64-linux", "aarch64-linux"}, "x86_64-linux"};
const Launchers kX86Only = {{"x86_64-linux"}, "x86_64-linux"};

const Strings kNumpyBoth = {
    "numpy-2.2.6-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "numpy-2.2.6-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl",
    "six-1.17.0-py2.py3-none-any.whl"};

TEST_CASE("targets: pex's spellings are aliases of the two launchers") {
  CHECK(canonical_target("x86_64-linux", kBoth) == "x86_64-linux");
  CHECK(canonical_target("x86_64-linux-gnu", kBoth) == "x86_64-linux");
  CHECK(canonical_target("x86_64-linux-musl", kBoth) == "x86_64-linux");
  CHECK(status_of([] { canonical_target("riscv64-linux", kBoth); }) == int(Status::kUsage));
  CHECK(status_of([] { canonical_target("x86_64-macos", kBoth); }) == int(Status::kUsage));
  std::string list = target_list(kBoth);
  CHECK(list.find("x86_64-linux") != std::string::npos);
  CHECK(list.find("x86_64-linux-musl") != std::string::npos);
}

TEST_CASE("targets: platform tags map to the launcher of their architecture") {
  CHECK(target_for_platform("any") == "");
  CHECK(target_for_platform("manylinux_2_17_x86_64") == "x86_64-linux");
  CHECK(target_for_platform("manylinux1_x86_64") == "x86_64-linux");
  CHECK(target_for_platform("musllinux_1_2_x86_64") == "x86_64-linux");
  CHECK(target_for_platform("linux_x86_64") == "x86_64-linux");
  CHECK(target_for_platform("manylinux2014_aarch64") == "aarch64-linux");
  CHECK(target_for_platform("musllinux_1_1_aarch64") == "aarch64-linux");
  CHECK(!target_for_platform("macosx_11_0_arm64"));
  CHECK(!target_for_platform("win_amd64"));
  CHECK(!target_for_platform("manylinux2014_i686"));
  CHECK(!target_for_platform("linux_armv7l"));
}

TEST_CASE("targets: inferred from the wheels") {
  // Pure Python: the host's launcher.
  TargetChoice pure = choose_targets({}, {"six-1.17.0-py2.py3-none-any.whl"}, "app.pex", kBoth);
  CHECK(pure.targets == Strings{kBoth.host});
  CHECK(pure.warnings.empty());
  CHECK(choose_targets({}, {}, "app.pex", kBoth).targets == Strings{kBoth.host});

  TargetChoice x86 = choose_targets(
      {}, {"pyyaml-6.0.2-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"}, "a.pex",
      kBoth);
  CHECK(x86.targets == Strings{"x86_64-linux"});
  CHECK(x86.warnings.empty());

  // Only macOS and Windows wheels: refused, naming them; written with --target, warned.
  Strings foreign = {"pyyaml-6.0.2-cp311-cp311-macosx_11_0_arm64.whl",
                     "pyyaml-6.0.2-cp311-cp311-win_amd64.whl"};
  CHECK(status_of([&] { choose_targets({}, foreign, "a.pex", kBoth); }) ==
        int(Status::kUnsupported));
  try {
    choose_targets({}, foreign, "a.pex", kBoth);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("pyyaml-6.0.2-cp311-cp311-win_amd64.whl") !=
          std::string::npos);
  }
  TargetChoice forced = choose_targets({"x86_64-linux"}, foreign, "a.pex", kBoth);
  CHECK(forced.targets == Strings{"x86_64-linux"});
  REQUIRE(forced.warnings.size() == 1);
  CHECK(forced.warnings[0].find("macosx_11_0_arm64") != std::string::npos);
}

TEST_CASE("targets: wheels for both architectures") {
  TargetChoice both = choose_targets({}, kNumpyBoth, "a.pex", kBoth);
  CHECK(both.targets == Strings{"x86_64-linux", "aarch64-linux"});
  CHECK(both.warnings.empty());
  // A project with only x86_64 wheels: aarch64 is still written, with a warning.
  Strings lopsided = kNumpyBoth;
  lopsided.push_back("pyyaml-6.0.2-cp311-cp311-manylinux_2_17_x86_64.whl");
  TargetChoice some = choose_targets({}, lopsided, "a.pex", kBoth);
  CHECK(some.targets == Strings{"x86_64-linux", "aarch64-linux"});
  REQUIRE(some.warnings.size() == 1);
  CHECK(some.warnings[0].find("aarch64-linux launcher cannot use pyyaml") != std::string::npos);
  // An injector built without the aarch64 launcher says so.
  CHECK(status_of([] { choose_targets({}, kNumpyBoth, "a.pex", kX86Only); }) ==
        int(Status::kUnsupported));
  CHECK(status_of([] { canonical_target("aarch64-linux", kX86Only); }) == int(Status::kUsage));
}

TEST_CASE("output names: one target, several, and {target}") {
  CHECK(output_paths("app.pex", "", {"x86_64-linux"}) == Strings{"app.pexrc"});
  CHECK(output_paths("dir/app/", "", {"x86_64-linux"}) == Strings{"dir/app.pexrc"});
  CHECK(output_paths("app.zip", "", {"x86_64-linux"}) == Strings{"app.zip.pexrc"});
  CHECK(output_paths("app.pex", "out.bin", {"x86_64-linux"}) == Strings{"out.bin"});
  CHECK(output_paths("app.pex", "", {"x86_64-linux", "aarch64-linux"}) ==
        Strings{"app.x86_64-linux.pexrc", "app.aarch64-linux.pexrc"});
  CHECK(output_paths("app.pex", "o/{target}/app", {"x86_64-linux", "aarch64-linux"}) ==
        Strings{"o/x86_64-linux/app", "o/aarch64-linux/app"});
  CHECK(output_paths("app.pex", "app-{target}.pexrc", {"aarch64-linux"}) ==
        Strings{"app-aarch64-linux.pexrc"});
  CHECK(status_of([] {
          output_paths("app.pex", "one.pexrc", {"x86_64-linux", "aarch64-linux"});
        }) == int(Status::kUsage));
  CHECK(status_of([] { output_paths("app.pex", "app.pex", {"x86_64-linux"}); }) ==
        int(Status::kUsage));
}

}  // namespace
}  // namespace pexrc
