#include "injector/config/build_config.h"

#include <zstd.h>

#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include "common/args.h"
#include "common/error.h"
#include "common/file_io.h"
#include "injector/stub/embedded_stubs.h"
#include "injector/stub/targets.h"
#include "runtime/cache/fs_ops.h"

namespace pexrc {
namespace {

constexpr const char* kConfigName = "pexrc.toml";
constexpr const char* kPyproject = "pyproject.toml";

bool is_pyproject(const std::string& path) {
  size_t slash = path.rfind('/');
  return path.substr(slash == std::string::npos ? 0 : slash + 1) == kPyproject;
}

// "pexrc.toml:3: key 'jobs': ..." -- where a user looks first.
[[noreturn]] void bad(const BuildConfig& c, const toml::source_region& where,
                      const std::string& key, const std::string& why) {
  std::string name = c.table.empty() ? key : key.empty() ? c.table : c.table + "." + key;
  fail(Status::kConfig,
       c.path + ":" + std::to_string(where.begin.line) + ": key '" + name + "': " + why);
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

int64_t integer_in(const BuildConfig& c, const std::string& key, const toml::node& n, int64_t lo,
                   int64_t hi) {
  std::optional<int64_t> v = n.value_exact<int64_t>();
  if (!v) bad(c, n.source(), key, "must be an integer, not " + type_name(n));
  if (*v < lo || *v > hi)
    bad(c, n.source(), key,
        "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", not " +
            std::to_string(*v));
  return *v;
}

void read_key(BuildConfig& c, const std::string& key, const toml::node& n) {
  if (key == "targets") {
    const toml::array* list = n.as_array();
    if (!list) bad(c, n.source(), key, "must be an array of target names, not " + type_name(n));
    std::vector<std::string> targets;
    for (const toml::node& item : *list) {
      std::optional<std::string> name = item.value_exact<std::string>();
      if (!name) bad(c, item.source(), key, "must hold strings, not " + type_name(item));
      try {
        targets.push_back(canonical_target(*name, embedded_launchers()));
      } catch (const Error& e) {
        bad(c, item.source(), key, e.what());
      }
    }
    c.targets = std::move(targets);
  } else if (key == "compression-level") {
    c.compression_level = int(integer_in(c, key, n, ZSTD_minCLevel(), ZSTD_maxCLevel()));
  } else if (key == "jobs") {
    c.jobs = unsigned(integer_in(c, key, n, 1, kMaxJobs));
  } else if (key == "output") {
    std::optional<std::string> v = n.value_exact<std::string>();
    if (!v || v->empty())
      bad(c, n.source(), key, "must be a non-empty string, not " + type_name(n));
    c.output = *v;
  } else if (key == "quiet" || key == "compile") {
    std::optional<bool> v = n.value_exact<bool>();
    if (!v) bad(c, n.source(), key, "must be true or false, not " + type_name(n));
    (key == "quiet" ? c.quiet : c.compile) = *v;
  } else if (key == "compile-for") {
    const toml::array* list = n.as_array();
    if (!list) bad(c, n.source(), key, "must be an array of interpreters, not " + type_name(n));
    std::vector<std::string> pythons;
    for (const toml::node& item : *list) {
      std::optional<std::string> python = item.value_exact<std::string>();
      if (!python || python->empty())
        bad(c, item.source(), key, "must hold non-empty strings, not " + type_name(item));
      pythons.push_back(*python);
    }
    c.compile_for = std::move(pythons);
  } else {
    bad(c, n.source(), key,
        "unknown (known: targets, compression-level, jobs, output, quiet, compile, compile-for)");
  }
}

toml::table parse_file(const std::string& path) {
  std::string text;
  if (!read_small_file(path, text)) fail_errno("cannot read " + path);
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(Status::kConfig, path + ":" + std::to_string(e.source().begin.line) +
                              ": not valid TOML: " + std::string(e.description()));
  }
}

BuildConfig read_config(const std::string& path, const toml::table& doc, bool pyproject) {
  BuildConfig c;
  c.path = path;
  const toml::table* table = &doc;
  if (pyproject) {
    c.table = "tool.pexrc";
    const toml::node* node = doc.at_path("tool.pexrc").node();
    if (!node) return c;
    table = node->as_table();
    if (!table) bad(c, node->source(), "", "must be a table");
  }
  for (const auto& [key, node] : *table) read_key(c, std::string(key.str()), node);
  return c;
}

bool has_pexrc_table(const toml::table& doc) { return doc.at_path("tool.pexrc").node() != nullptr; }

}  // namespace

BuildConfig load_build_config(const std::optional<std::string>& explicit_path,
                              const std::string& dir) {
  if (explicit_path) {
    if (!path_exists(*explicit_path))
      fail(Status::kConfig, *explicit_path + ": no such configuration file (--config)");
    return read_config(*explicit_path, parse_file(*explicit_path), is_pyproject(*explicit_path));
  }
  std::string own = dir + "/" + kConfigName, pyproject = dir + "/" + kPyproject;
  if (path_exists(own)) return read_config(own, parse_file(own), false);
  if (path_exists(pyproject)) {
    toml::table doc = parse_file(pyproject);
    if (has_pexrc_table(doc)) return read_config(pyproject, doc, true);
  }
  return {};
}

std::string describe_config_search(const std::string& dir) {
  try {
    BuildConfig c = load_build_config(std::nullopt, dir);
    if (c.path.empty()) return "none (no ./pexrc.toml, no [tool.pexrc] in ./pyproject.toml)";
    return c.path + (c.table.empty() ? "" : " [" + c.table + "]");
  } catch (const Error& e) {
    return std::string("invalid: ") + e.what();
  }
}

}  // namespace pexrc
