#include "common/text.h"

namespace pexrc {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  while (true) {
    size_t at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return pieces;
    text.remove_prefix(at + 1);
  }
}

std::vector<std::string> split_nonempty(std::string_view text, char separator) {
  std::vector<std::string> pieces;
  for (std::string_view piece : split(text, separator)) {
    if (!piece.empty()) pieces.emplace_back(piece);
  }
  return pieces;
}

}  // namespace pexrc
