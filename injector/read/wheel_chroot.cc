#include "injector/read/wheel_chroot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "common/entry_path.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/launch_info.h"
#include "common/text.h"
#include "common/wheel_name.h"
#include "injector/python_identifier.h"
#include "injector/read/zip_tree.h"

namespace pexrc {
namespace {

namespace fs = boost::filesystem;

constexpr std::string_view kBlanks = " \t\r";

// Splits "a.b.c" into identifiers; nullopt if any part is not one.
std::optional<std::vector<std::string>> dotted_identifiers(std::string_view s) {
  std::vector<std::string> parts;
  for (std::string_view part : split(s, '.')) {
    part = trim(part, kBlanks);
    if (!is_python_identifier(part)) return std::nullopt;
    parts.emplace_back(part);
  }
  return parts;
}

struct EntryPointScript {
  std::string name;
  std::string module;
  std::vector<std::string> attrs;  ///< empty: run the module as __main__
};

// The [console_scripts] and [gui_scripts] of an entry_points.txt, in file
// order. Lines are "name = module[:attr.attr] [extra, ...]".
std::vector<EntryPointScript> parse_entry_points(std::string_view text, const std::string& where) {
  std::vector<EntryPointScript> scripts;
  std::set<std::string> names;
  std::string section;
  int line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view raw = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    std::string_view line = trim(raw, kBlanks);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    auto refuse = [&](const std::string& why) {
      fail(Status::kUnsupported,
           where + ":" + std::to_string(line_no) + ": " + why + ": '" + std::string(line) + "'");
    };
    if (line[0] == '[') {
      if (line.back() != ']') refuse("not a section header");
      section = std::string(trim(line.substr(1, line.size() - 2), kBlanks));
      continue;
    }
    if (section != "console_scripts" && section != "gui_scripts") continue;
    if (raw[0] == ' ' || raw[0] == '\t') refuse("continuation lines are not supported");
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) refuse("not a 'name = module:function' line");
    EntryPointScript script;
    script.name = std::string(trim(line.substr(0, eq), kBlanks));
    std::string_view value = trim(line.substr(eq + 1), kBlanks);
    size_t bracket = value.find('[');
    if (bracket != std::string_view::npos) {
      if (value.back() != ']') refuse("unbalanced extras");
      value = trim(value.substr(0, bracket), kBlanks);
    }
    if (script.name.empty() || script.name == "." || script.name == ".." ||
        script.name.find_first_of(std::string_view("/\0", 2)) != std::string::npos)
      refuse("not a usable script name");
    size_t colon = value.find(':');
    auto module = dotted_identifiers(value.substr(0, colon));
    std::optional<std::vector<std::string>> attrs = std::vector<std::string>();
    if (colon != std::string_view::npos) attrs = dotted_identifiers(value.substr(colon + 1));
    if (!module || !attrs) refuse("not a 'module' or 'module:attribute' reference");
    for (size_t i = 0; i < module->size(); ++i) script.module += (i ? "." : "") + (*module)[i];
    script.attrs = std::move(*attrs);
    if (!names.insert(script.name).second) refuse("script '" + script.name + "' is defined twice");
    scripts.push_back(std::move(script));
  }
  return scripts;
}

// The script pex writes to .prefix/bin for an entry point; pex's venv
// installer and pexrc both run it by its "#!python" line.
std::string script_text(const EntryPointScript& s) {
  std::string text = "#!python\n# -*- coding: utf-8 -*-\n";
  if (s.attrs.empty()) {
    return text +
           "import runpy\nimport sys\n\nif __name__ == \"__main__\":\n    runpy.run_module('" +
           s.module + "', run_name=\"__main__\", alter_sys=True)\n    sys.exit(0)\n";
  }
  std::string attrs = "(";
  for (size_t i = 0; i < s.attrs.size(); ++i) attrs += (i ? ", '" : "'") + s.attrs[i] + "'";
  attrs += s.attrs.size() == 1 ? ",)" : ")";
  return text + "import importlib\nimport sys\n\nentry_point = importlib.import_module('" +
         s.module + "')\nfor attr in " + attrs +
         ":\n    entry_point = getattr(entry_point, attr)\n\nif __name__ == \"__main__\":\n"
         "    sys.exit(entry_point())\n";
}

// "X.Y" when every python tag of the wheel names that one version (cp311 ->
// 3.11), "" when they name none or several (py3, py2.py3, cp310.cp311).
std::string single_python_version(const WheelName& name) {
  std::set<std::string> versions;
  for (const std::string& tag : name.tags) {
    std::string_view python = std::string_view(tag).substr(0, tag.find('-'));
    size_t digits = python.find_first_of("0123456789");
    std::string_view number = digits == std::string_view::npos ? "" : python.substr(digits);
    if (number.size() < 2 || number.find_first_not_of("0123456789") != std::string_view::npos)
      return "";
    versions.insert(std::string(number.substr(0, 1)) + "." + std::string(number.substr(1)));
  }
  return versions.size() == 1 ? *versions.begin() : "";
}

void check_wheel_version(std::string_view wheel_file, const std::string& where) {
  while (!wheel_file.empty()) {
    size_t eol = wheel_file.find('\n');
    std::string_view line = wheel_file.substr(0, eol);
    wheel_file.remove_prefix(eol == std::string_view::npos ? wheel_file.size() : eol + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = to_lower(trim(line.substr(0, colon), kBlanks));
    if (key != "wheel-version") continue;
    std::string_view version = trim(line.substr(colon + 1), kBlanks);
    if (version.substr(0, version.find('.')) != "1")
      fail(Status::kUnsupported,
           where + ": Wheel-Version " + std::string(version) + " is not supported (only 1.x)");
    return;
  }
  fail(Status::kUnsupported, where + ": no Wheel-Version");
}

struct Listing {
  std::vector<InputEntry> entries;
  std::map<std::string, std::string> metadata;  ///< <top>.dist-info/{WHEEL,entry_points.txt}
};

Listing list_wheel(const std::string& path, const std::string& label) {
  Listing listing;
  std::set<std::string> seen;
  ZipTree zip(path, label);
  InputEntry e;
  while (zip.next(e)) {
    std::string problem = entry_name_problem(e.name);
    if (!problem.empty())
      fail(Status::kBadArchive, label + ": entry name '" + printable_name(e.name) + "' " + problem);
    if (!S_ISREG(e.mode) && !S_ISDIR(e.mode))
      fail(Status::kUnsupported,
           label + ": entry '" + e.name +
               "' is neither a file nor a directory (symlinks are not supported)");
    if (!seen.insert(e.is_directory() ? e.name.substr(0, e.name.size() - 1) : e.name).second)
      fail(Status::kBadArchive, label + ": duplicate entry '" + e.name + "'");
    size_t slash = e.name.find('/');
    if (slash != std::string::npos &&
        std::string_view(e.name).substr(0, slash).ends_with(".dist-info")) {
      std::string_view file = std::string_view(e.name).substr(slash + 1);
      if (file == "WHEEL" || file == "entry_points.txt") listing.metadata[e.name] = zip.read_all();
    }
    listing.entries.push_back(e);
  }
  return listing;
}

// Where each wheel entry goes in the chroot.
struct Target {
  std::string path;  ///< relative to the chroot; directories without the '/'
  bool is_script = false;
};

class ChrootPlan {
 public:
  explicit ChrootPlan(const std::string& label) : label_(label) {}

  void add_file(std::string path, const std::string& source) {
    auto [it, inserted] = files_.emplace(std::move(path), source);
    if (!inserted)
      fail(Status::kUnsupported, label_ + ": '" + it->second + "' and '" + source +
                                     "' would both install to '" + it->first + "'");
    add_parents(it->first);
  }
  void add_dir(const std::string& path) {
    dirs_.insert(path);
    add_parents(path);
  }
  /// Refuses a file that another entry needs as a directory.
  void check() const {
    for (const auto& [path, source] : files_)
      if (dirs_.count(path))
        fail(Status::kUnsupported, label_ + ": '" + source + "' would install to '" + path +
                                       "', which other entries need as a directory");
  }
  const std::set<std::string>& dirs() const { return dirs_; }

 private:
  void add_parents(const std::string& path) {
    for (size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      dirs_.insert(path.substr(0, slash));
  }

  std::string label_;
  std::map<std::string, std::string> files_;  ///< target -> wheel entry (or generator)
  std::set<std::string> dirs_;
};

void make_dir(const fs::path& dir, const std::string& label) {
  boost::system::error_code ec;
  fs::create_directory(dir, ec);
  if (ec) fail(Status::kIo, label + ": cannot create " + dir.string() + ": " + ec.message());
}

UniqueFd create_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) fail_errno("cannot create " + path.string());
  return UniqueFd(fd);
}

void finish_file(UniqueFd fd, const fs::path& path, uint32_t perms) {
  if (::fchmod(fd.get(), perms) != 0) fail_errno("cannot chmod " + path.string());
  if (::close(fd.release()) != 0) fail_errno("cannot write " + path.string());
}

// Copies the current entry of `zip` to `path`. A script whose first line runs
// Python gets "#!python" (plus that line's arguments) instead, as installers
// give scripts the interpreter they install for.
void write_entry(ZipTree& zip, const fs::path& path, bool is_script, uint32_t perms) {
  UniqueFd fd = create_file(path);
  constexpr size_t kHead = 1 << 16;
  std::string head(kHead, '\0');
  size_t filled = 0;
  for (size_t n;
       filled < head.size() && (n = zip.read(head.data() + filled, head.size() - filled)) > 0;)
    filled += n;
  head.resize(filled);
  if (is_script) {
    size_t eol = head.find('\n');
    bool whole_line = eol != std::string::npos || filled < kHead;
    std::string_view line = std::string_view(head).substr(0, eol);
    std::optional<ShebangPython> python = whole_line ? python_in_shebang(line) : std::nullopt;
    if (python) {
      std::string first = "#!python" + (python->args.empty() ? "" : " " + python->args) + "\n";
      head = first + head.substr(eol == std::string::npos ? head.size() : eol + 1);
    }
  }
  write_all(fd.get(), head, path.string());
  char buf[1 << 16];
  for (size_t n; (n = zip.read(buf, sizeof buf)) > 0;)
    write_all(fd.get(), std::string_view(buf, n), path.string());
  finish_file(std::move(fd), path, perms);
}

}  // namespace

void install_wheel_chroot(const std::string& wheel_path, const std::string& file_name,
                          const std::string& dest, const std::string& label) {
  std::optional<WheelName> wheel = parse_wheel_name(file_name);
  if (!wheel) fail(Status::kUnsupported, label + ": not a valid wheel file name");
  Listing listing = list_wheel(wheel_path, label);

  // The one <name>-<ver>.dist-info with a WHEEL file says what the wheel is.
  std::vector<std::string> dist_infos;
  for (const auto& [name, text] : listing.metadata)
    if (name.ends_with("/WHEEL")) dist_infos.push_back(name.substr(0, name.find('/')));
  if (dist_infos.size() != 1)
    fail(Status::kUnsupported,
         label + ": " + (dist_infos.empty() ? "no" : std::to_string(dist_infos.size())) +
             " .dist-info directories with a WHEEL file; cannot read the wheel's layout");
  const std::string& dist_info = dist_infos[0];
  check_wheel_version(listing.metadata[dist_info + "/WHEEL"], label + "/" + dist_info + "/WHEEL");
  const std::string data_dir = dist_info.substr(0, dist_info.size() - 10) + ".data/";

  std::vector<EntryPointScript> scripts;
  auto entry_points = listing.metadata.find(dist_info + "/entry_points.txt");
  if (entry_points != listing.metadata.end())
    scripts = parse_entry_points(entry_points->second, label + "/" + entry_points->first);
  std::set<std::string> script_names;
  for (const EntryPointScript& s : scripts) script_names.insert(s.name);

  std::string python = single_python_version(*wheel);
  const std::string headers_dir =
      python.empty() ? ".prefix/include/" + wheel->distribution + "/"
                     : ".prefix/include/site/python" + python + "/" + wheel->distribution + "/";

  ChrootPlan plan(label);
  std::vector<std::optional<Target>> targets(listing.entries.size());
  for (size_t i = 0; i < listing.entries.size(); ++i) {
    const InputEntry& e = listing.entries[i];
    std::string name = e.is_directory() ? e.name.substr(0, e.name.size() - 1) : e.name;
    Target target;
    if (e.name.starts_with(data_dir)) {
      std::string rest = name.substr(std::min(name.size(), data_dir.size()));
      size_t slash = rest.find('/');
      std::string key = rest.substr(0, slash);
      std::string sub = slash == std::string::npos ? "" : rest.substr(slash + 1);
      if (rest.empty()) continue;  // the .data directory itself
      if (sub.empty() && !e.is_directory())
        fail(Status::kUnsupported, label + ": '" + e.name + "' is not inside a scheme directory " +
                                       "(purelib, platlib, scripts, data, headers)");
      if (key == "purelib" || key == "platlib") {
        target.path = sub;
      } else if (key == "scripts") {
        target.path = ".prefix/bin/" + sub;
        target.is_script = true;
        // An entry point of the same name is generated below instead.
        if (!e.is_directory() && script_names.count(sub)) continue;
      } else if (key == "data") {
        target.path = ".prefix/data/" + sub;
      } else if (key == "headers") {
        target.path = headers_dir + sub;
      } else {
        fail(Status::kUnsupported,
             label + ": unknown wheel data directory '" + data_dir + key + "'");
      }
      if (sub.empty()) continue;  // a scheme directory itself
    } else {
      target.path = name;
    }
    if (e.is_directory())
      plan.add_dir(target.path);
    else
      plan.add_file(target.path, e.name);
    targets[i] = std::move(target);
  }
  for (const EntryPointScript& s : scripts)
    plan.add_file(".prefix/bin/" + s.name, dist_info + "/entry_points.txt [" + s.name + "]");
  plan.check();

  // Directories first, parents before children (the set's order), then the
  // files in the wheel's order, then the generated scripts.
  const fs::path root(dest);
  for (const std::string& dir : plan.dirs()) make_dir(root / dir, label);
  ZipTree zip(wheel_path, label);
  InputEntry e;
  for (size_t i = 0; zip.next(e); ++i) {
    if (i >= targets.size() || e.name != listing.entries[i].name)
      fail(Status::kBadArchive, label + ": changed while being read");
    if (!targets[i] || e.is_directory()) continue;
    uint32_t perms = e.mode & 0777;
    if (perms == 0) perms = 0644;  // made on a system without Unix modes
    perms |= 0400;                 // read back by the injector's walk
    write_entry(zip, root / targets[i]->path, targets[i]->is_script, perms);
  }
  for (const EntryPointScript& s : scripts) {
    fs::path path = root / ".prefix/bin" / s.name;
    UniqueFd fd = create_file(path);
    write_all(fd.get(), script_text(s), path.string());
    finish_file(std::move(fd), path, 0755);
  }
}

}  // namespace pexrc
