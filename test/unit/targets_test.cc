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
const Launchers kBoth = {{"x86_64-linux", "aarch64-linux"}, "x86_64-linux", {}};
const Launchers kX86Only = {{"x86_64-linux"}, "x86_64-linux", {}};

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
  CHECK(target_for_platform("linux_armv7l") == "armv7-linux");
  CHECK(target_for_platform("manylinux_2_31_armv7l") == "armv7-linux");
  CHECK(target_for_platform("musllinux_1_2_armv7l") == "armv7-linux");
  CHECK(!target_for_platform("linux_armv6l"));
  CHECK(target_for_platform("manylinux2014_ppc64le") == "powerpc64le-linux");
  CHECK(!target_for_platform("manylinux2014_ppc64"));  // big-endian POWER: no launcher
  CHECK(target_for_platform("manylinux_2_17_s390x") == "s390x-linux");
  CHECK(target_for_platform("manylinux_2_39_riscv64") == "riscv64-linux");
  CHECK(target_for_platform("linux_riscv64") == "riscv64-linux");
}

TEST_CASE("targets: six launchers, pex's names for each, and their sizes in the list") {
  const Launchers all = {{"x86_64-linux", "aarch64-linux", "armv7-linux", "powerpc64le-linux",
                          "s390x-linux", "riscv64-linux"},
                         "x86_64-linux",
                         {1355144, 1124648, 748228, 1714760, 1210656, 913520}};
  CHECK(canonical_target("armv7-linux-gnueabihf", all) == "armv7-linux");
  CHECK(canonical_target("powerpc64le-linux-gnu", all) == "powerpc64le-linux");
  CHECK(canonical_target("s390x-linux-gnu", all) == "s390x-linux");
  CHECK(canonical_target("riscv64gc-linux-gnu", all) == "riscv64-linux");
  CHECK(status_of([] { canonical_target("riscv64gc-linux-gnu", kBoth); }) == int(Status::kUsage));
  std::string list = target_list(all);
  CHECK(list.find("x86_64-linux (host)    1355144 bytes  aliases: x86_64-linux-gnu, "
                  "x86_64-linux-musl\n") == 0);
  CHECK(list.find("\ns390x-linux            1210656 bytes  aliases: s390x-linux-gnu\n") !=
        std::string::npos);
  CHECK(list.find("\npowerpc64le-linux      1714760 bytes  aliases: powerpc64le-linux-gnu\n") !=
        std::string::npos);
  // Without sizes (the unit tests' other launchers): names and aliases only.
  CHECK(target_list(kX86Only) ==
        "x86_64-linux (host)  aliases: x86_64-linux-gnu, x86_64-linux-musl\n");

  // Real wheels of three architectures: their three launchers, in the build's order.
  TargetChoice three = choose_targets({},
                                      {"markupsafe-3.0.4-cp311-cp311-manylinux2014_ppc64le."
                                       "manylinux_2_17_ppc64le.manylinux_2_28_ppc64le.whl",
                                       "markupsafe-3.0.4-cp311-cp311-manylinux2014_armv7l."
                                       "manylinux_2_17_armv7l.manylinux_2_31_armv7l.whl",
                                       "markupsafe-3.0.4-cp311-cp311-manylinux2014_x86_64."
                                       "manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl"},
                                      "a.pex", all);
  CHECK(three.targets == Strings{"x86_64-linux", "armv7-linux", "powerpc64le-linux"});
  CHECK(three.warnings.empty());
  TargetChoice s390x = choose_targets(
      {}, {"PyYAML-6.0.2-cp311-cp311-manylinux_2_17_s390x.manylinux2014_s390x.whl"}, "a.pex", all);
  CHECK(s390x.targets == Strings{"s390x-linux"});
  TargetChoice riscv = choose_targets(
      {}, {"markupsafe-3.0.4-cp313-cp313-manylinux_2_31_riscv64.manylinux_2_39_riscv64.whl"},
      "a.pex", all);
  CHECK(riscv.targets == Strings{"riscv64-linux"});
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
