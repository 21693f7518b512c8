#include "common/content_hash.h"

#include <doctest/doctest.h>

#include <string>

namespace pexrc {
namespace {

std::string hex(const Digest& d) { return to_hex(d.data(), d.size()); }

Digest sha(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.finish();
}

std::string pattern(size_t size) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = char((i * 131 + i / 7) & 0xff);
  return s;
}

TEST_CASE("content_hash: a file's digest is the SHA-256 of its pieces' SHA-256s") {
  // Empty: no pieces at all.
  CHECK(hex(FileHasher().finish()) == hex(sha("")));
  std::string small = "print('hi')\n";
  FileHasher h;
  h.update(small);
  Digest inner = sha(small);
  CHECK(hex(h.finish()) ==
        hex(sha(std::string_view(reinterpret_cast<const char*>(inner.data()), 32))));

  // Over a piece boundary, fed in odd sizes, equals hashing each piece alone.
  std::string big = pattern(2 * kHashPieceSize + 12345);
  FileHasher fed;
  for (size_t at = 0; at < big.size(); at += 999983)
    fed.update(std::string_view(big).substr(at, 999983));
  std::vector<Digest> pieces;
  for (size_t at = 0; at < big.size(); at += kHashPieceSize)
    pieces.push_back(sha(std::string_view(big).substr(at, kHashPieceSize)));
  CHECK(pieces.size() == 3);
  CHECK(hex(fed.finish()) == hex(file_digest_of_pieces(pieces)));

  // Exactly one whole piece: no empty trailing piece is hashed.
  std::string one = pattern(kHashPieceSize);
  FileHasher whole;
  whole.update(one);
  CHECK(hex(whole.finish()) == hex(file_digest_of_pieces({sha(one)})));
}

TEST_CASE("content_hash: a unit's hash ignores order and sees every field") {
  Digest a = sha("a"), b = sha("b");
  UnitHasher one;
  one.add_directory("pkg");
  one.add_file("pkg/a.py", false, 1, a);
  one.add_file("pkg/b.so", true, 1, b);
  UnitHasher other;
  other.add_file("pkg/b.so", true, 1, b);
  other.add_directory("pkg");
  other.add_file("pkg/a.py", false, 1, a);
  CHECK(one.finish() == other.finish());
  CHECK(is_content_hash(one.finish()));

  auto differs = [&](auto change) {
    UnitHasher h;
    h.add_directory("pkg");
    change(h);
    return h.finish() != one.finish();
  };
  CHECK(differs([&](UnitHasher& h) {  // mode
    h.add_file("pkg/a.py", true, 1, a);
    h.add_file("pkg/b.so", true, 1, b);
  }));
  CHECK(differs([&](UnitHasher& h) {  // content
    h.add_file("pkg/a.py", false, 1, b);
    h.add_file("pkg/b.so", true, 1, b);
  }));
  CHECK(differs([&](UnitHasher& h) {  // name
    h.add_file("pkg/c.py", false, 1, a);
    h.add_file("pkg/b.so", true, 1, b);
  }));
  CHECK(differs([&](UnitHasher& h) {  // size
    h.add_file("pkg/a.py", false, 2, a);
    h.add_file("pkg/b.so", true, 1, b);
  }));
  CHECK(differs([&](UnitHasher& h) {  // a file missing
    h.add_file("pkg/a.py", false, 1, a);
  }));
  // A directory is not a file of the same name.
  UnitHasher dir, file;
  dir.add_directory("x");
  file.add_file("x", false, 0, sha(""));
  CHECK(dir.finish() != file.finish());
  CHECK(UnitHasher().finish() != dir.finish());
}

TEST_CASE("content_hash: a unit's text is what its hash covers, and reads back") {
  UnitHasher h;
  h.add_file("pkg/b.so", true, 70000, sha("b"));
  h.add_directory("pkg");
  h.add_file("pkg/a.py", false, 1, sha("a"));
  std::string text = h.text();
  CHECK(content_hash_of_text(text) == h.finish());
  std::optional<std::vector<UnitRecord>> records = parse_unit_text(text);
  REQUIRE(records.has_value());
  REQUIRE(records->size() == 3);
  CHECK((*records)[0].path == "pkg");
  CHECK((*records)[0].directory);
  CHECK((*records)[1].path == "pkg/a.py");
  CHECK_FALSE((*records)[1].executable);
  CHECK((*records)[1].size == 1);
  CHECK(hex((*records)[1].digest) == hex(sha("a")));
  CHECK((*records)[2].path == "pkg/b.so");
  CHECK((*records)[2].executable);
  CHECK((*records)[2].size == 70000);
  // The same records, hashed again in any order, give the same text.
  UnitHasher again;
  for (const UnitRecord& r : *records)
    r.directory ? again.add_directory(r.path)
                : again.add_file(r.path, r.executable, r.size, r.digest);
  CHECK(again.text() == text);

  CHECK(parse_unit_text(UnitHasher().text())->empty());
  CHECK_FALSE(parse_unit_text("").has_value());
  CHECK_FALSE(parse_unit_text("pexrc-unit-2\n").has_value());
  CHECK_FALSE(parse_unit_text(text.substr(0, text.size() - 1)).has_value());  // digest cut short
  std::string unknown = text;
  unknown[std::string("pexrc-unit-1\n").size()] = 'x';  // the first record's kind
  CHECK_FALSE(parse_unit_text(unknown).has_value());
}

TEST_CASE("content_hash: is_content_hash") {
  CHECK(is_content_hash(std::string(64, 'f')));
  CHECK_FALSE(is_content_hash(std::string(64, 'F')));
  CHECK_FALSE(is_content_hash(std::string(63, '0')));
  CHECK_FALSE(is_content_hash(std::string(65, '0')));
  CHECK_FALSE(is_content_hash("../" + std::string(61, '0')));
}

}  // namespace
}  // namespace pexrc
