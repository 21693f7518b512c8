// Converts a wheel file (PEP 427) into the chroot layout pex 2.105 gives the
// wheels it pre-installs (checked against its output by e2e-layouts), which
// is what the launcher links into its venvs:
//
//   <wheel entries>                       at the root, as they are, except
//   <name>-<ver>.data/purelib/*, platlib/*  -> the root
//   <name>-<ver>.data/scripts/*           -> .prefix/bin/*; a first line that runs
//                                            Python becomes "#!python" (keeping its
//                                            arguments), as installers do
//   <name>-<ver>.data/data/*              -> .prefix/data/*
//   <name>-<ver>.data/headers/*           -> .prefix/include/site/pythonX.Y/<distribution>/*
//                                            when every python tag of the wheel's file
//                                            name gives the same X.Y (cp311 -> 3.11), else
//                                            .prefix/include/<distribution>/*
//   [console_scripts] / [gui_scripts] of entry_points.txt
//                                         -> .prefix/bin/<name>, a "#!python" script that
//                                            imports the module, walks the attributes and
//                                            exits with what the function returns (a bare
//                                            module is run as __main__); it replaces a
//                                            .data/scripts file of the same name
//
// File modes are kept as the wheel has them. <name>-<ver>.dist-info/ stays
// intact, RECORD included.
//
// Where this differs from pex, on purpose:
//   - .data/platlib of a purelib wheel (.data/purelib of a platlib one) goes to
//     the root: pex keeps it under .prefix/platlib/ (.prefix/purelib/) and lists
//     that in .layout.json's sys_path_entries, but the launcher links only the
//     root into site-packages.
//   - headers of a wheel for no single X.Y: pex writes a literal
//     ".prefix/include/site/pythonX.Y/"; a directory named after no real
//     version helps nobody, so they go to .prefix/include/<distribution>/.
//   - pex's bookkeeping (.layout.json, <name>-<ver>.pex-info/) is not written
//     and RECORD is not rewritten: the launcher reads none of it.
//   - the generated scripts leave out pex's own _PEX_ROOT_FALLBACK clean-up.
#pragma once

#include <string>

namespace pexrc {

/// Writes the chroot of the wheel at `wheel_path`, whose file name is
/// `file_name`, into the empty directory `dest`, keeping file modes. Errors
/// name `label`: Error(kBadArchive) for a corrupt zip or unsafe names,
/// Error(kUnsupported) for whatever cannot be converted faithfully (symlinks,
/// no single .dist-info with a WHEEL file, Wheel-Version 2+, unknown .data
/// directories, two entries landing on one path, unreadable entry points).
void install_wheel_chroot(const std::string& wheel_path, const std::string& file_name,
                          const std::string& dest, const std::string& label);

}  // namespace pexrc
