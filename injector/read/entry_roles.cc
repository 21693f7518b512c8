#include "injector/read/entry_roles.h"

namespace pexrc {

EntryRole classify_entry(std::string_view name) {
  if (name == "PEX-INFO") return EntryRole::kPexInfo;
  if (name == "__main__.py") return EntryRole::kMain;
  // __pex__/ is pex's import hook ("import __pex__.mod"); it only works on
  // top of .bootstrap/, so it goes with it.
  for (std::string_view dir : {".bootstrap/", "__pex__/"})
    if (name.starts_with(dir) || name == dir.substr(0, dir.size() - 1))
      return EntryRole::kPexRuntime;
  return EntryRole::kContent;
}

}  // namespace pexrc
