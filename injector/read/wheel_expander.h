// The decorator that opens the wheels a PEX ships as files: every
// `.deps/<wheel>.whl` file of the tree it wraps is replaced by the directory
// `.deps/<wheel>.whl/` holding the wheel's chroot, which is what a zipapp
// with pre-installed wheels has there and what the launcher extracts:
//
//   - deps_are_wheel_files (--no-pre-install-wheels, any layout): the file is
//     a wheel, converted to a chroot by install_wheel_chroot in a scratch
//     directory and walked from there;
//   - otherwise (--layout packed): the file is a zip of the chroot pex
//     installed; its entries are passed through as they are.
//
// Every other entry passes through untouched.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "injector/read/input_tree.h"

namespace pexrc {

/// Scratch space for wheels being expanded, shared by every walk of one
/// input so each wheel is converted once. Lives in $TMPDIR (or /tmp) and is
/// removed with this object.
class WheelStaging {
 public:
  WheelStaging() = default;
  ~WheelStaging();
  WheelStaging(const WheelStaging&) = delete;
  WheelStaging& operator=(const WheelStaging&) = delete;

  /// The chroot of the wheel `name` (".deps/x.whl"), the current entry of
  /// `tree`, converted on first use.
  std::string chroot(const std::string& name, InputTree& tree, const std::string& label);
  /// A file holding the current entry of `tree`: its own path if it has one,
  /// else a copy made on first use.
  std::string local_copy(const std::string& name, InputTree& tree, const std::string& label);

 private:
  std::string new_path();

  std::string dir_;
  unsigned counter_ = 0;
  std::map<std::string, std::string> chroots_;
  std::map<std::string, std::string> copies_;
};

class WheelExpander : public InputTree {
 public:
  /// `label` names the input in errors.
  WheelExpander(std::unique_ptr<InputTree> base, std::string label, bool deps_are_wheel_files,
                WheelStaging& staging);

  std::unique_ptr<EntrySource> open() override;
  std::string local_path() const override;

 protected:
  bool advance(InputEntry& out) override;

 private:
  std::unique_ptr<InputTree> base_;
  std::string label_;
  bool deps_are_wheel_files_;
  WheelStaging& staging_;
  std::unique_ptr<InputTree> inner_;  ///< the wheel being expanded, if any
  std::string prefix_;                ///< ".deps/<wheel>.whl/" while inner_ is set
};

}  // namespace pexrc
