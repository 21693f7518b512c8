// ZipWriter -> ZipReader round trips through real files, plus byte-level checks
// of the records written and cross-checks with independent readers (Info-ZIP
// unzip, Python's zipfile) when they are installed.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/crc32.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/le_bytes.h"
#include "common/zip_format.h"
#include "common/zip_reader.h"
#include "common/zip_writer.h"
#include "test/unit/temp_file.h"

namespace pexrc {
namespace {

struct Item {
  std::string name;
  std::string data;
  uint32_t mode = 0100644;
};

uint32_t crc_of(std::string_view s) { return crc32_update(0, s.data(), s.size()); }

NewEntry new_entry(const Item& item) {
  NewEntry e;
  e.name = item.name;
  e.unix_mode = item.mode;
  e.size_hint = item.data.size();
  return e;
}

// Writes `items` with ZipWriter::add after `base_offset` bytes of junk; returns finish().
uint64_t write_zip(TempFile& file, const std::vector<Item>& items, uint64_t base_offset = 0,
                   bool force_zip64 = false) {
  std::string junk(size_t(base_offset), '\0');
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = char('!' + i % 90);
  file.replace_contents(junk);
  ZipWriter writer(file.fd(), file.path(), base_offset, force_zip64);
  for (const Item& item : items)
    writer.add(new_entry(item), item.data, crc_of(item.data), item.data.size());
  return writer.finish();
}

uint16_t u16_at(const std::string& bytes, uint64_t offset) {
  REQUIRE(offset + 2 <= bytes.size());
  return load_u16(reinterpret_cast<const uint8_t*>(bytes.data()) + offset);
}
uint32_t u32_at(const std::string& bytes, uint64_t offset) {
  REQUIRE(offset + 4 <= bytes.size());
  return load_u32(reinterpret_cast<const uint8_t*>(bytes.data()) + offset);
}
uint64_t u64_at(const std::string& bytes, uint64_t offset) {
  REQUIRE(offset + 8 <= bytes.size());
  return load_u64(reinterpret_cast<const uint8_t*>(bytes.data()) + offset);
}

// Checks every field of two directory records.
void check_same_entry(const zip::Entry& a, const zip::Entry& b) {
  CHECK(a.name == b.name);
  CHECK(a.version_made_by == b.version_made_by);
  CHECK(a.flags == b.flags);
  CHECK(a.method == b.method);
  CHECK(a.crc32 == b.crc32);
  CHECK(a.compressed_size == b.compressed_size);
  CHECK(a.uncompressed_size == b.uncompressed_size);
  CHECK(a.local_header_offset == b.local_header_offset);
  CHECK(a.external_attr == b.external_attr);
}

// Checks that the reader sees exactly `items`, in order, with their data.
void check_items(const ZipReader& reader, const std::vector<Item>& items) {
  REQUIRE(reader.entry_count() == items.size());
  std::vector<zip::Entry> entries = reader.read_all();
  REQUIRE(entries.size() == items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const zip::Entry& e = entries[i];
    CAPTURE(e.name);
    CHECK(e.name == items[i].name);
    CHECK(e.method == zip::kMethodStored);
    CHECK(e.uncompressed_size == items[i].data.size());
    CHECK(e.compressed_size == items[i].data.size());
    CHECK(e.crc32 == crc_of(items[i].data));
    CHECK(e.unix_mode() == items[i].mode);
    CHECK(e.is_directory() == (!items[i].name.empty() && items[i].name.back() == '/'));
    CHECK(reader.read_stored(e) == items[i].data);
  }
}

// Runs a shell command; returns its exit status and standard output.
std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, command);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

bool have_tool(const std::string& name) {
  return run("command -v " + name + " >/dev/null 2>&1").first == 0;
}

// Expects constructing a reader to throw kBadArchive with a message naming the
// file (the constructor is documented to reject non-zips and truncated files).
void expect_bad_archive(const TempFile& file) {
  try {
    ZipReader reader(file.fd(), file.path());
    FAIL_CHECK("archive accepted: " << file.path());
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadArchive);
    CHECK_MESSAGE(std::string(e.what()).find(file.path()) != std::string::npos, e.what());
  }
}

std::vector<Item> sample_items() {
  return {
      {"app/", "", 040755},
      {"app/__main__.py", "import sys\nprint('hello', sys.argv)\n", 0100755},
      {"app/data.bin", std::string("\0\1\2\3\xff\xfe binary\0", 15), 0100600},
      {"PEX-INFO", R"({"entry_point":"app.__main__"})", 0100644},
      {"empty.txt", "", 0100444},
  };
}

// Offset of each local header when no zip64 extras are written.
std::vector<uint64_t> expected_offsets(const std::vector<Item>& items, uint64_t base) {
  std::vector<uint64_t> out;
  for (const Item& item : items) {
    out.push_back(base);
    base += zip::kLocalHeaderSize + item.name.size() + item.data.size();
  }
  return out;
}

TEST_CASE("zip: temp files are removed") {
  std::string path;
  {
    TempFile file;
    path = file.path();
    CHECK(::access(path.c_str(), F_OK) == 0);
  }
  CHECK(::access(path.c_str(), F_OK) != 0);
}

TEST_CASE("zip: stored entries, directories, modes round trip") {
  TempFile file;
  std::vector<Item> items = sample_items();
  uint64_t end = write_zip(file, items);
  CHECK(end == file.size());
  ZipReader reader(file.fd(), file.path());
  CHECK(reader.prefix_size() == 0);
  CHECK(reader.path() == file.path());
  check_items(reader, items);

  std::vector<zip::Entry> entries = reader.read_all();
  std::vector<uint64_t> offsets = expected_offsets(items, 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(entries[i].name);
    CHECK(entries[i].local_header_offset == offsets[i]);
    CHECK(reader.data_offset(entries[i]) ==
          offsets[i] + zip::kLocalHeaderSize + items[i].name.size());
    CHECK((entries[i].version_made_by >> 8) == 3);  // made by Unix
    CHECK((entries[i].flags & zip::kFlagUtf8) != 0);
  }
  CHECK(entries[0].is_directory());
  CHECK((entries[0].external_attr & 0x10) != 0);  // MS-DOS directory bit
  CHECK((entries[1].external_attr & 0x10) == 0);
}

TEST_CASE("zip: rewrite_stored replaces an entry's data and CRC before finish") {
  TempFile file;
  std::vector<Item> items = {{"a", "first"}, {"b", "zzzzzz"}, {"c", std::string(3 << 20, 'c')}};
  ZipWriter writer(file.fd(), file.path(), 0);
  for (const Item& item : items)
    writer.add(new_entry(item), item.data, crc_of(item.data), item.data.size());
  // Entry b's bytes are flushed by now (c is bigger than the write buffer).
  items[1].data = "second";
  writer.rewrite_stored(1, items[1].data, crc_of(items[1].data));
  CHECK_THROWS_AS(writer.rewrite_stored(1, "too long", 0), Error);
  CHECK_THROWS_AS(writer.rewrite_stored(7, "x", 0), Error);
  writer.finish();
  ZipReader reader(file.fd(), file.path());
  check_items(reader, items);
}

TEST_CASE("zip: fixed timestamps in local and central headers") {
  TempFile file;
  std::vector<Item> items = sample_items();
  write_zip(file, items);
  std::string bytes = file.contents();
  ZipReader reader(file.fd(), file.path());
  constexpr uint16_t kDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
  for (const zip::Entry& e : reader.read_all()) {
    CAPTURE(e.name);
    CHECK(u32_at(bytes, e.local_header_offset) == zip::kLocalHeaderSig);
    CHECK(u16_at(bytes, e.local_header_offset + 10) == 0);  // time
    CHECK(u16_at(bytes, e.local_header_offset + 12) == kDate1980);
  }
  // Walk the central directory by hand.
  uint64_t eocd = bytes.size() - zip::kEndOfCentralDirSize;
  REQUIRE(u32_at(bytes, eocd) == zip::kEndOfCentralDirSig);
  uint64_t pos = u32_at(bytes, eocd + 16);
  for (size_t i = 0; i < items.size(); ++i) {
    REQUIRE(u32_at(bytes, pos) == zip::kCentralHeaderSig);
    CHECK(u16_at(bytes, pos + 12) == 0);
    CHECK(u16_at(bytes, pos + 14) == kDate1980);
    CHECK(u16_at(bytes, pos + 30) == 0);  // no extra fields without zip64
    pos += zip::kCentralHeaderSize + u16_at(bytes, pos + 28) + u16_at(bytes, pos + 30) +
           u16_at(bytes, pos + 32);
  }
  CHECK(pos == eocd);
  CHECK(u16_at(bytes, eocd + 10) == items.size());
}

TEST_CASE("zip: empty archive") {
  TempFile file;
  CHECK(write_zip(file, {}) == zip::kEndOfCentralDirSize);
  ZipReader reader(file.fd(), file.path());
  CHECK(reader.entry_count() == 0);
  CHECK(reader.read_all().empty());
  CHECK(reader.read_leading(0).empty());
  CHECK(reader.read_leading(5).empty());

  CHECK(write_zip(file, {}, 1000) == 1000 + zip::kEndOfCentralDirSize);
  ZipReader prefixed(file.fd(), file.path());
  CHECK(prefixed.entry_count() == 0);
  CHECK(prefixed.read_leading(3).empty());
}

TEST_CASE("zip: streamed entries written with several write_data calls") {
  TempFile file;
  std::vector<std::string> pieces = {"first piece\n", "", "second\n", std::string(5000, 'x'),
                                     "end"};
  std::string whole;
  for (const std::string& p : pieces) whole += p;

  // Big enough to push the local header out of the writer's buffer before
  // end_entry patches it, and to take the direct-write path for one piece.
  std::vector<std::string> big_pieces = {std::string(700 << 10, 'a'), std::string(700 << 10, 'b'),
                                         std::string((1 << 20) + 1, 'c'), "tail"};
  std::string big;
  for (const std::string& p : big_pieces) big += p;

  for (bool force : {false, true}) {
    CAPTURE(force);
    file.replace_contents("");
    ZipWriter writer(file.fd(), file.path(), 0, force);
    writer.add(NewEntry{"before.txt", zip::kMethodStored, 0100644, 6}, "before", crc_of("before"),
               6);

    NewEntry streamed{"streamed.txt", zip::kMethodStored, 0100640, whole.size()};
    writer.begin_entry(streamed);
    uint32_t crc = 0;
    for (const std::string& p : pieces) {
      writer.write_data(p);
      crc = crc32_update(crc, p.data(), p.size());
    }
    writer.end_entry(crc, whole.size());

    NewEntry big_entry{"big.bin", zip::kMethodStored, 0100644, big.size()};
    writer.begin_entry(big_entry);
    crc = 0;
    for (const std::string& p : big_pieces) {
      writer.write_data(p);
      crc = crc32_update(crc, p.data(), p.size());
    }
    writer.end_entry(crc, big.size());
    writer.add(NewEntry{"after.txt", zip::kMethodStored, 0100644, 5}, "after", crc_of("after"), 5);
    uint64_t end = writer.finish();
    CHECK(end == file.size());

    ZipReader reader(file.fd(), file.path());
    check_items(reader, {{"before.txt", "before", 0100644},
                         {"streamed.txt", whole, 0100640},
                         {"big.bin", big, 0100644},
                         {"after.txt", "after", 0100644}});
    // The local headers were patched too (readers that stream from them rely on it).
    std::string bytes = file.contents();
    for (const zip::Entry& e : reader.read_all()) {
      CAPTURE(e.name);
      CHECK(u32_at(bytes, e.local_header_offset + 14) == e.crc32);
      if (!force) {
        CHECK(u32_at(bytes, e.local_header_offset + 18) == e.compressed_size);
        CHECK(u32_at(bytes, e.local_header_offset + 22) == e.uncompressed_size);
      } else {
        uint64_t extra = e.local_header_offset + zip::kLocalHeaderSize + e.name.size();
        CHECK(u64_at(bytes, extra + 4) == e.uncompressed_size);
        CHECK(u64_at(bytes, extra + 12) == e.compressed_size);
      }
    }
  }
}

TEST_CASE("zip: a size hint past 4 GiB gives a zip64 local header only") {
  TempFile file;
  file.replace_contents("");
  ZipWriter writer(file.fd(), file.path(), 0);
  NewEntry e{"hinted", zip::kMethodStored, 0100644, uint64_t(5) << 30};
  writer.add(e, "small data", crc_of("small data"), 10);
  writer.finish();
  std::string bytes = file.contents();
  CHECK(u16_at(bytes, 4) == 45);  // version needed for zip64
  CHECK(u32_at(bytes, 18) == zip::kMax32);
  CHECK(u32_at(bytes, 22) == zip::kMax32);
  CHECK(u16_at(bytes, 28) == 20);  // zip64 extra
  CHECK(u16_at(bytes, 30 + 6) == zip::kZip64ExtraId);
  CHECK(u64_at(bytes, 30 + 6 + 4) == 10);
  CHECK(u64_at(bytes, 30 + 6 + 12) == 10);
  ZipReader reader(file.fd(), file.path());
  check_items(reader, {{"hinted", "small data", 0100644}});
}

TEST_CASE("zip: bytes in front of the archive") {
  std::vector<Item> items = sample_items();
  constexpr uint64_t kStub = 1000;

  SUBCASE("written after base_offset: offsets already count the stub, as zip -A makes them") {
    TempFile file;
    write_zip(file, items, kStub);
    std::string bytes = file.contents();
    for (size_t i = 0; i < kStub; ++i) REQUIRE(bytes[i] == char('!' + i % 90));  // stub untouched
    ZipReader reader(file.fd(), file.path());
    CHECK(reader.prefix_size() == 0);
    check_items(reader, items);
    std::vector<zip::Entry> entries = reader.read_all();
    std::vector<uint64_t> offsets = expected_offsets(items, kStub);
    for (size_t i = 0; i < entries.size(); ++i) CHECK(entries[i].local_header_offset == offsets[i]);
    // The recorded offsets are the absolute ones.
    uint64_t eocd = bytes.size() - zip::kEndOfCentralDirSize;
    CHECK(u32_at(bytes, eocd + 16) > kStub);
    CHECK(u32_at(bytes, u32_at(bytes, eocd + 16) + 42) == kStub);
  }

  SUBCASE("prepended to a finished archive: found as prefix_size, offsets made absolute") {
    for (bool force : {false, true}) {
      CAPTURE(force);
      TempFile plain;
      write_zip(plain, items, 0, force);
      ZipReader plain_reader(plain.fd(), plain.path());
      std::vector<zip::Entry> plain_entries = plain_reader.read_all();

      TempFile file;
      file.replace_contents(std::string(kStub, '#') + plain.contents());
      ZipReader reader(file.fd(), file.path());
      CHECK(reader.prefix_size() == kStub);
      check_items(reader, items);
      std::vector<zip::Entry> entries = reader.read_all();
      REQUIRE(entries.size() == plain_entries.size());
      for (size_t i = 0; i < entries.size(); ++i) {
        CHECK(entries[i].local_header_offset == plain_entries[i].local_header_offset + kStub);
        CHECK(reader.data_offset(entries[i]) == plain_reader.data_offset(plain_entries[i]) + kStub);
      }
      std::vector<zip::Entry> leading = reader.read_leading(2);
      REQUIRE(leading.size() == 2);
      check_same_entry(leading[1], entries[1]);
    }
  }
}

TEST_CASE("zip: read_leading equals the start of read_all") {
  SUBCASE("a few short entries") {
    TempFile file;
    std::vector<Item> items = sample_items();
    write_zip(file, items, 1000);
    ZipReader reader(file.fd(), file.path());
    std::vector<zip::Entry> all = reader.read_all();
    for (size_t n = 0; n <= items.size() + 3; ++n) {
      CAPTURE(n);
      std::vector<zip::Entry> leading = reader.read_leading(n);
      REQUIRE(leading.size() == std::min(n, items.size()));
      for (size_t i = 0; i < leading.size(); ++i) check_same_entry(leading[i], all[i]);
    }
  }

  SUBCASE("300 entries with 100-character names (directory past 16 KiB)") {
    TempFile file;
    std::vector<Item> items;
    for (int i = 0; i < 300; ++i) {
      std::string name = "pkg/" + std::to_string(1000 + i) + "/";
      name += std::string(100 - name.size() - 3, 'n') + ".py";
      REQUIRE(name.size() == 100);
      items.push_back({name, "# " + std::to_string(i) + "\n", 0100644});
    }
    write_zip(file, items, 1000);
    ZipReader reader(file.fd(), file.path());
    std::vector<zip::Entry> all = reader.read_all();
    REQUIRE(all.size() == 300);
    for (size_t n : {size_t(1), size_t(2), size_t(111), size_t(112), size_t(113), size_t(299),
                     size_t(300), size_t(301), size_t(100000)}) {
      CAPTURE(n);
      std::vector<zip::Entry> leading = reader.read_leading(n);
      REQUIRE(leading.size() == std::min<size_t>(n, 300));
      for (size_t i = 0; i < leading.size(); ++i) check_same_entry(leading[i], all[i]);
    }
    check_items(reader, items);
  }

  SUBCASE("a first name longer than 16 KiB, and the longest name allowed") {
    for (size_t first_len : {size_t(20000), size_t(zip::kMax16)}) {
      CAPTURE(first_len);
      TempFile file;
      std::vector<Item> items = {{std::string(first_len, 'L'), "long", 0100644},
                                 {"PEX-INFO", "{}", 0100644},
                                 {"PEXRC-INFO", "{\"format\":1}", 0100644}};
      write_zip(file, items);
      ZipReader reader(file.fd(), file.path());
      std::vector<zip::Entry> all = reader.read_all();
      for (size_t n = 0; n <= 4; ++n) {
        CAPTURE(n);
        std::vector<zip::Entry> leading = reader.read_leading(n);
        REQUIRE(leading.size() == std::min<size_t>(n, 3));
        for (size_t i = 0; i < leading.size(); ++i) check_same_entry(leading[i], all[i]);
      }
      check_items(reader, items);
    }
  }
}

TEST_CASE("zip: force_zip64 writes zip64 records that read back") {
  TempFile file;
  std::vector<Item> items = sample_items();
  constexpr uint64_t kBase = 1000;
  uint64_t end = write_zip(file, items, kBase, /*force_zip64=*/true);
  std::string bytes = file.contents();
  REQUIRE(end == bytes.size());

  // End records: EOCD saturated, locator and zip64 end record right before it.
  uint64_t eocd = bytes.size() - zip::kEndOfCentralDirSize;
  REQUIRE(u32_at(bytes, eocd) == zip::kEndOfCentralDirSig);
  CHECK(u16_at(bytes, eocd + 8) == zip::kMax16);
  CHECK(u16_at(bytes, eocd + 10) == zip::kMax16);
  CHECK(u32_at(bytes, eocd + 12) == zip::kMax32);
  CHECK(u32_at(bytes, eocd + 16) == zip::kMax32);
  uint64_t locator = eocd - zip::kZip64LocatorSize;
  REQUIRE(u32_at(bytes, locator) == zip::kZip64LocatorSig);
  uint64_t end64 = locator - zip::kZip64EndSize;
  CHECK(u64_at(bytes, locator + 8) == end64);
  CHECK(u32_at(bytes, locator + 16) == 1);  // total disks
  REQUIRE(u32_at(bytes, end64) == zip::kZip64EndSig);
  CHECK(u64_at(bytes, end64 + 4) == zip::kZip64EndSize - 12);
  CHECK(u64_at(bytes, end64 + 24) == items.size());
  CHECK(u64_at(bytes, end64 + 32) == items.size());
  uint64_t cd_size = u64_at(bytes, end64 + 40);
  uint64_t cd_start = u64_at(bytes, end64 + 48);
  CHECK(cd_start + cd_size == end64);

  ZipReader reader(file.fd(), file.path());
  CHECK(reader.prefix_size() == 0);
  check_items(reader, items);
  std::vector<zip::Entry> entries = reader.read_all();

  // Central records: all three 32-bit slots saturated, the values in the extra.
  uint64_t pos = cd_start;
  uint64_t local = kBase;
  for (size_t i = 0; i < items.size(); ++i) {
    CAPTURE(items[i].name);
    REQUIRE(u32_at(bytes, pos) == zip::kCentralHeaderSig);
    CHECK(u16_at(bytes, pos + 6) == 45);
    CHECK(u32_at(bytes, pos + 20) == zip::kMax32);
    CHECK(u32_at(bytes, pos + 24) == zip::kMax32);
    CHECK(u32_at(bytes, pos + 42) == zip::kMax32);
    uint16_t name_len = u16_at(bytes, pos + 28);
    REQUIRE(u16_at(bytes, pos + 30) == 28);
    uint64_t x = pos + zip::kCentralHeaderSize + name_len;
    CHECK(u16_at(bytes, x) == zip::kZip64ExtraId);
    CHECK(u16_at(bytes, x + 2) == 24);
    CHECK(u64_at(bytes, x + 4) == items[i].data.size());
    CHECK(u64_at(bytes, x + 12) == items[i].data.size());
    CHECK(u64_at(bytes, x + 20) == local);
    CHECK(entries[i].local_header_offset == local);

    // Local header: sizes in its own zip64 extra.
    CHECK(u16_at(bytes, local + 4) == 45);
    CHECK(u32_at(bytes, local + 18) == zip::kMax32);
    CHECK(u32_at(bytes, local + 22) == zip::kMax32);
    CHECK(u16_at(bytes, local + 28) == 20);
    uint64_t lx = local + zip::kLocalHeaderSize + name_len;
    CHECK(u16_at(bytes, lx) == zip::kZip64ExtraId);
    CHECK(u64_at(bytes, lx + 4) == items[i].data.size());
    CHECK(u64_at(bytes, lx + 12) == items[i].data.size());
    CHECK(reader.data_offset(entries[i]) == lx + 20);

    pos = x + 28;
    local = lx + 20 + items[i].data.size();
  }
  CHECK(pos == end64);
  CHECK(local == cd_start);

  std::vector<zip::Entry> leading = reader.read_leading(3);
  REQUIRE(leading.size() == 3);
  for (size_t i = 0; i < 3; ++i) check_same_entry(leading[i], entries[i]);

  // Python's zipfile, an independent reader, agrees.
  if (!have_tool("python3")) {
    MESSAGE("python3 not found: skipping the zipfile cross-check");
    return;
  }
  const char* script = R"PY(
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for i in z.infolist():
    print("|".join([i.filename, str(i.file_size), str(i.compress_size), str(i.header_offset),
                    "%o" % (i.external_attr >> 16), "%d-%d-%d %d:%d:%d" % i.date_time,
                    z.read(i.filename).hex()]))
)PY";
  auto [status, out] = run("python3 -c '" + std::string(script) + "' '" + file.path() + "'");
  CHECK(status == 0);
  std::string expected;
  static const char* const kHex = "0123456789abcdef";
  for (size_t i = 0; i < items.size(); ++i) {
    char mode[16];
    std::snprintf(mode, sizeof mode, "%o", items[i].mode);
    std::string hex;
    for (unsigned char c : items[i].data) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    expected += items[i].name + "|" + std::to_string(items[i].data.size()) + "|" +
                std::to_string(items[i].data.size()) + "|" +
                std::to_string(entries[i].local_header_offset) + "|" + mode + "|1980-1-1 0:0:0|" +
                hex + "\n";
  }
  CHECK(out == expected);
}

// Found by fuzzing (test/fuzz/zip_reader_fuzz.cc): 64-bit sizes and offsets
// whose sum with another field wraps past 2^64 slipped through the bounds
// checks, and read_all or read_stored then asked for an impossible allocation
// (std::length_error, not Error) or read from a wrapped offset.
TEST_CASE("zip: zip64 values that wrap around 2^64 are rejected") {
  std::vector<Item> items = sample_items();
  constexpr uint64_t kStub = 10;
  TempFile plain;
  write_zip(plain, items, 0, /*force_zip64=*/true);
  std::string bytes = std::string(kStub, '#') + plain.contents();  // a prefix of kStub bytes
  uint64_t end64 =
      bytes.size() - zip::kEndOfCentralDirSize - zip::kZip64LocatorSize - zip::kZip64EndSize;
  REQUIRE(u32_at(bytes, end64) == zip::kZip64EndSig);
  uint64_t cd_start = kStub + u64_at(bytes, end64 + 48);
  // The first record's zip64 extra: uncompressed size, compressed size, offset.
  uint64_t x = cd_start + zip::kCentralHeaderSize + u16_at(bytes, cd_start + 28) + 4;
  REQUIRE(u16_at(bytes, x - 4) == zip::kZip64ExtraId);
  auto patched = [&](uint64_t at, uint64_t value) {
    std::string out = bytes;
    store_u64(reinterpret_cast<uint8_t*>(out.data()) + at, value);
    return out;
  };
  TempFile file;

  SUBCASE("directory size in the zip64 end record") {
    file.replace_contents(patched(end64 + 40, ~uint64_t(0) - (cd_start - kStub) + 2));
    expect_bad_archive(file);
  }
  SUBCASE("an entry's sizes in its zip64 extra") {
    std::string huge = patched(x, ~uint64_t(0) - 40);
    store_u64(reinterpret_cast<uint8_t*>(huge.data()) + x + 8, ~uint64_t(0) - 40);
    file.replace_contents(huge);
    ZipReader reader(file.fd(), file.path());
    zip::Entry first = reader.read_all().front();
    CHECK_THROWS_AS(reader.data_offset(first), Error);
    CHECK_THROWS_AS(reader.read_stored(first), Error);
  }
  SUBCASE("an entry's local header offset in its zip64 extra") {
    file.replace_contents(patched(x + 16, ~uint64_t(0) - 4));  // + kStub wraps to 5
    ZipReader reader(file.fd(), file.path());
    CHECK_THROWS_AS(reader.read_all(), Error);
  }
}

// A raw deflate stream made of stored blocks (RFC 1951 3.2.4): compressed and
// uncompressed sizes differ, so swapped size fields show.
std::string deflate_stored_blocks(std::string_view data, size_t block) {
  std::string out;
  do {
    size_t n = std::min(block, data.size());
    out += char(n == data.size() ? 1 : 0);  // BFINAL, BTYPE=00
    put_u16(out, uint16_t(n));
    put_u16(out, uint16_t(~n));
    out.append(data.substr(0, n));
    data.remove_prefix(n);
  } while (!data.empty());
  return out;
}

TEST_CASE("zip: a deflated entry keeps distinct compressed and uncompressed sizes") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "line " + std::to_string(i) + " of the deflated entry\n";
  std::string deflated = deflate_stored_blocks(text, 300);
  REQUIRE(deflated.size() > text.size());
  for (bool force : {false, true}) {
    CAPTURE(force);
    TempFile file;
    file.replace_contents(std::string(500, 'S'));
    ZipWriter writer(file.fd(), file.path(), 500, force);
    writer.add(NewEntry{"first.txt", zip::kMethodStored, 0100644, 3}, "abc", crc_of("abc"), 3);
    writer.begin_entry(NewEntry{"text.txt", zip::kMethodDeflated, 0100644, text.size()});
    writer.write_data(std::string_view(deflated).substr(0, 100));
    writer.write_data(std::string_view(deflated).substr(100));
    writer.end_entry(crc_of(text), text.size());
    writer.finish();

    ZipReader reader(file.fd(), file.path());
    std::vector<zip::Entry> entries = reader.read_all();
    REQUIRE(entries.size() == 2);
    const zip::Entry& e = entries[1];
    CHECK(e.method == zip::kMethodDeflated);
    CHECK(e.compressed_size == deflated.size());
    CHECK(e.uncompressed_size == text.size());
    CHECK(e.crc32 == crc_of(text));
    CHECK(e.local_header_offset == 500 + zip::kLocalHeaderSize + 9 + (force ? 20 : 0) + 3);
    std::string raw(deflated.size(), '\0');
    REQUIRE(pread_exact(file.fd(), raw.data(), raw.size(), reader.data_offset(e)));
    CHECK(raw == deflated);
    // The local header was patched with the same sizes.
    std::string bytes = file.contents();
    uint64_t local = e.local_header_offset;
    CHECK(u16_at(bytes, local + 8) == zip::kMethodDeflated);
    CHECK(u32_at(bytes, local + 14) == crc_of(text));
    if (force) {
      CHECK(u64_at(bytes, local + zip::kLocalHeaderSize + e.name.size() + 4) == text.size());
      CHECK(u64_at(bytes, local + zip::kLocalHeaderSize + e.name.size() + 12) == deflated.size());
    } else {
      CHECK(u32_at(bytes, local + 18) == deflated.size());
      CHECK(u32_at(bytes, local + 22) == text.size());
    }
    try {
      reader.read_stored(e);
      FAIL_CHECK("read_stored accepted a deflated entry");
    } catch (const Error& err) {
      CHECK(err.status() == Status::kBadArchive);
    }

    if (!have_tool("python3")) {
      MESSAGE("python3 not found: skipping the zipfile cross-check");
      continue;
    }
    auto [status, out] =
        run("python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            "i = z.getinfo(\"text.txt\"); "
            "print(i.compress_size, i.file_size, i.header_offset); "
            "sys.stdout.write(z.read(\"text.txt\").decode())' '" +
            file.path() + "'");
    CHECK(status == 0);
    CHECK(out == std::to_string(deflated.size()) + " " + std::to_string(text.size()) + " " +
                     std::to_string(e.local_header_offset) + "\n" + text);
  }
}

TEST_CASE("zip: more than 65535 entries switch to zip64 by themselves") {
  for (size_t count : {size_t(65534), size_t(65535), size_t(70000)}) {
    CAPTURE(count);
    TempFile file;
    file.replace_contents("");
    ZipWriter writer(file.fd(), file.path(), 0);
    char name[32];
    for (size_t i = 0; i < count; ++i) {
      std::snprintf(name, sizeof name, "e/%05zu", i);
      writer.add(NewEntry{name, zip::kMethodStored, 0100644, 0}, "", 0, 0);
    }
    writer.finish();
    std::string bytes = file.contents();
    uint64_t eocd = bytes.size() - zip::kEndOfCentralDirSize;
    REQUIRE(u32_at(bytes, eocd) == zip::kEndOfCentralDirSig);
    bool zip64 = count >= zip::kMax16;
    CHECK(u16_at(bytes, eocd + 10) == (zip64 ? zip::kMax16 : count));
    CHECK((u32_at(bytes, eocd - zip::kZip64LocatorSize) == zip::kZip64LocatorSig) == zip64);

    ZipReader reader(file.fd(), file.path());
    CHECK(reader.entry_count() == count);
    std::vector<zip::Entry> entries = reader.read_all();
    REQUIRE(entries.size() == count);
    CHECK(entries.front().name == "e/00000");
    std::snprintf(name, sizeof name, "e/%05zu", count - 1);
    CHECK(entries.back().name == name);
    CHECK(entries.back().local_header_offset == (count - 1) * (zip::kLocalHeaderSize + 7));
    CHECK(reader.read_stored(entries.back()).empty());
    std::vector<zip::Entry> leading = reader.read_leading(2);
    REQUIRE(leading.size() == 2);
    CHECK(leading[1].name == "e/00001");
  }
}

TEST_CASE("zip: read_stored verifies the CRC") {
  TempFile file;
  std::vector<Item> items = sample_items();
  write_zip(file, items, 1000);
  ZipReader reader(file.fd(), file.path());
  std::vector<zip::Entry> entries = reader.read_all();
  const zip::Entry& victim = entries[1];  // app/__main__.py
  uint64_t at = reader.data_offset(victim) + 3;
  std::string byte = file.contents().substr(size_t(at), 1);
  byte[0] = char(byte[0] ^ 0x20);
  file.write_at(at, byte);
  try {
    reader.read_stored(victim);
    FAIL_CHECK("corrupt data accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadArchive);
    CHECK(std::string(e.what()).find(file.path()) != std::string::npos);
    CHECK(std::string(e.what()).find(victim.name) != std::string::npos);
  }
  // Entries around it are intact.
  CHECK(reader.read_stored(entries[0]) == items[0].data);
  CHECK(reader.read_stored(entries[2]) == items[2].data);
}

TEST_CASE("zip: truncated archives are rejected") {
  // Subcases inside a loop are not all visited by doctest, so each cut is a
  // plain loop iteration on a freshly written archive.
  enum Cut { kMidDirectory, kTenBytes, kNothing, kLastByte, kDataGone };
  std::vector<Item> items = sample_items();
  for (bool force : {false, true}) {
    for (Cut cut : {kMidDirectory, kTenBytes, kNothing, kLastByte, kDataGone}) {
      CAPTURE(force);
      CAPTURE(int(cut));
      TempFile file;
      write_zip(file, items, 100, force);
      ZipReader reader(file.fd(), file.path());
      std::vector<zip::Entry> entries = reader.read_all();
      uint64_t size = file.size();
      std::string bytes = file.contents();
      uint64_t cd_start = entries.back().local_header_offset + zip::kLocalHeaderSize +
                          entries.back().name.size() + (force ? 20 : 0);
      REQUIRE(u32_at(bytes, cd_start) == zip::kCentralHeaderSig);
      uint64_t cd_end = size - zip::kEndOfCentralDirSize -
                        (force ? zip::kZip64LocatorSize + zip::kZip64EndSize : 0);
      switch (cut) {
        case kMidDirectory:
          file.truncate((cd_start + cd_end) / 2);
          break;
        case kTenBytes:
          file.truncate(10);
          break;
        case kNothing:
          file.truncate(0);
          break;
        case kLastByte:
          file.truncate(size - 1);
          break;
        case kDataGone:
          // The tail of the archive moved forward as if bytes had gone missing
          // from the middle of the data: the directory no longer fits.
          file.replace_contents(bytes.substr(0, 140) + bytes.substr(size_t(cd_start)));
          break;
      }
      expect_bad_archive(file);
    }
  }
}

TEST_CASE("zip: files that are not zip archives are rejected") {
  TempFile file;
  SUBCASE("text") {
    std::string text;
    for (int i = 0; i < 50; ++i)
      text += "definitely not a zip archive, line " + std::to_string(i) + "\n";
    file.replace_contents(text);
  }
  SUBCASE("zeros the size of an end record") { file.replace_contents(std::string(22, '\0')); }
  SUBCASE("a local header signature only") {
    file.replace_contents(std::string("PK\3\4", 4) + std::string(100, 'z'));
  }
  SUBCASE("empty") { file.replace_contents(""); }
  expect_bad_archive(file);
}

TEST_CASE("zip: an archive comment after the end record is tolerated") {
  std::vector<Item> items = sample_items();
  std::vector<std::string> comments = {
      "built by a test",
      std::string("PK\5\6 a fake end-record signature inside the comment\0\0\0", 55),
      std::string(zip::kMaxCommentSize, 'C'),
  };
  for (bool force : {false, true}) {
    for (const std::string& comment : comments) {
      CAPTURE(force);
      CAPTURE(comment.size());
      TempFile file;
      uint64_t end = write_zip(file, items, 1000, force);
      std::string length;
      put_u16(length, uint16_t(comment.size()));
      file.write_at(end - 2, length);
      file.write_at(end, comment);
      ZipReader reader(file.fd(), file.path());
      CHECK(reader.prefix_size() == 0);
      check_items(reader, items);
      CHECK(reader.read_leading(2).size() == 2);
    }
  }
  // A comment length that does not match what follows is not an end record.
  TempFile file;
  uint64_t end = write_zip(file, items);
  file.write_at(end, "dangling bytes not declared as a comment");
  expect_bad_archive(file);
}

TEST_CASE("zip: identical input gives identical bytes") {
  std::vector<Item> items = sample_items();
  for (uint64_t base : {uint64_t(0), uint64_t(1000)}) {
    for (bool force : {false, true}) {
      CAPTURE(base);
      CAPTURE(force);
      TempFile a, b;
      write_zip(a, items, base, force);
      write_zip(b, items, base, force);
      std::string bytes_a = a.contents();
      CHECK(bytes_a.size() > base);
      CHECK(bytes_a == b.contents());
    }
  }
  // ...and different input gives different bytes (the comparison can fail).
  TempFile a, b;
  write_zip(a, items);
  items[1].data[0] = 'I';
  write_zip(b, items);
  CHECK(a.contents() != b.contents());
}

TEST_CASE("zip: writer misuse is refused") {
  TempFile file;
  ZipWriter writer(file.fd(), file.path(), 0);
  auto status_of = [](auto&& action) {
    try {
      action();
    } catch (const Error& e) {
      return e.status();
    }
    return Status(0);
  };
  CHECK(status_of([&] { writer.write_data("x"); }) == Status::kInternal);
  CHECK(status_of([&] { writer.end_entry(0, 0); }) == Status::kInternal);
  CHECK(status_of([&] { writer.begin_entry(NewEntry{std::string(zip::kMax16 + 1, 'n')}); }) ==
        Status::kUnsupported);
  writer.begin_entry(NewEntry{"open"});
  CHECK(status_of([&] { writer.begin_entry(NewEntry{"nested"}); }) == Status::kInternal);
  CHECK(status_of([&] { writer.finish(); }) == Status::kInternal);
  writer.end_entry(0, 0);
  writer.finish();
  ZipReader reader(file.fd(), file.path());
  REQUIRE(reader.entry_count() == 1);
  CHECK(reader.read_all()[0].name == "open");
}

TEST_CASE("zip: unzip reads what ZipWriter writes") {
  if (!have_tool("unzip")) {
    MESSAGE("unzip not found: skipping the Info-ZIP cross-check");
    return;
  }
  std::vector<Item> items = {
      {"app/", "", 040755},
      {"app/__main__.py", "print('hello from app')\n", 0100755},
      {"PEX-INFO", R"({"entry_point":"app.__main__"})", 0100644},
      {"notes.txt", "line one\nline two\n", 0100644},
  };
  for (uint64_t base : {uint64_t(0), uint64_t(1000)}) {
    CAPTURE(base);
    TempFile file;
    write_zip(file, items, base);
    std::string quoted = "'" + file.path() + "'";
    auto [list_status, names] = run("unzip -Z1 " + quoted);
    CHECK(list_status == 0);
    CHECK(names == "app/\napp/__main__.py\nPEX-INFO\nnotes.txt\n");
    for (const Item& item : items) {
      if (item.name.back() == '/') continue;
      auto [status, data] = run("unzip -p " + quoted + " '" + item.name + "'");
      CAPTURE(item.name);
      CHECK(status == 0);
      CHECK(data == item.data);
    }
    // A warning about extra bytes in front would make the exit status 1.
    auto [test_status, test_out] = run("unzip -tq " + quoted + " 2>&1");
    CHECK_MESSAGE(test_status == 0, test_out);
  }
}

TEST_CASE("zip: copy_to moves an archive behind a stub of another size") {
  std::vector<Item> items = {{"PEX-INFO", "{}"}, {"a/b.py", "print(1)\n"}, {"a/", "", 040755}};
  for (bool zip64 : {false, true}) {
    TempFile first, shorter, longer, direct;
    std::string junk(300, 'x');
    first.replace_contents(junk);
    ZipWriter writer(first.fd(), first.path(), 300, zip64);
    for (const Item& item : items)
      writer.add(new_entry(item), item.data, crc_of(item.data), item.data.size());
    writer.finish();
    for (auto [copy, base] : {std::pair<TempFile*, uint64_t>{&shorter, 100}, {&longer, 5000}}) {
      copy->replace_contents(std::string(size_t(base), 'y'));
      uint64_t end = writer.copy_to(copy->fd(), copy->path(), base);
      CHECK(end == file_size(copy->fd(), copy->path()));
      ZipReader reader(copy->fd(), copy->path());
      std::vector<zip::Entry> entries = reader.read_all();
      REQUIRE(entries.size() == items.size());
      for (size_t i = 0; i < items.size(); ++i) {
        CHECK(entries[i].name == items[i].name);
        CHECK(reader.read_stored(entries[i]) == items[i].data);
      }
    }
    // The copy equals writing the same entries behind that stub directly.
    write_zip(direct, items, 5000, zip64);
    CHECK(longer.contents().substr(5000) == direct.contents().substr(5000));
  }
}

}  // namespace
}  // namespace pexrc
