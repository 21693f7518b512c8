// Frame tables (written by ZipWriter, checked by ZipReader) and the
// extraction scheduler that turns them into parallel work.
#include <doctest/doctest.h>
#include <zstd.h>

#include <string>
#include <thread>
#include <vector>

#include "common/crc32.h"
#include "common/error.h"
#include "common/le_bytes.h"
#include "common/zip_reader.h"
#include "common/zip_writer.h"
#include "launcher/extract/schedule.h"
#include "runtime/extract/decode_entry.h"
#include "test/unit/temp_file.h"

namespace pexrc {
namespace {

constexpr uint32_t kSpan = 64 << 10;

// `data` as independent zstd frames of kSpan bytes each, as pexrc-inject cuts it.
zip::FrameTable compress_frames(const std::string& data, std::string& out) {
  zip::FrameTable t;
  t.span = kSpan;
  for (size_t at = 0; at < data.size(); at += kSpan) {
    size_t n = std::min<size_t>(kSpan, data.size() - at);
    std::string frame(ZSTD_compressBound(n), '\0');
    ZSTD_CCtx* c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    size_t got = ZSTD_compress2(c, frame.data(), frame.size(), data.data() + at, n);
    ZSTD_freeCCtx(c);
    REQUIRE(!ZSTD_isError(got));
    out.append(frame.data(), got);
    t.sizes.push_back(uint32_t(got));
  }
  return t;
}

std::string sample(size_t size) {
  std::string s(size, '\0');
  uint32_t x = 12345;
  for (size_t i = 0; i < size; ++i) {
    x = x * 1103515245 + 12345;
    s[i] = char('a' + (x >> 16) % 7);  // compressible, not trivially so
  }
  return s;
}

struct FramedZip {
  std::string data = sample(5 * kSpan + 1000);
  std::string compressed;
  zip::FrameTable table = compress_frames(data, compressed);
  TempFile file;

  explicit FramedZip(zip::FrameTable written) {
    ZipWriter w(file.fd(), file.path(), 0);
    w.begin_entry(NewEntry{"big.so", zip::kMethodZstd, 0100755, data.size()});
    w.write_data(compressed);
    w.end_entry(crc32_update(0, data.data(), data.size()), data.size(), std::move(written));
    w.finish();
  }
  FramedZip() : FramedZip(zip::FrameTable{}) {}
};

TEST_CASE("frames: the table round trips through the central directory") {
  FramedZip z;
  FramedZip with_table(z.table);
  ZipReader r(with_table.file.fd(), with_table.file.path());
  auto entries = r.read_all();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].frames.span == kSpan);
  CHECK(entries[0].frames.sizes == z.table.sizes);
  CHECK(entries[0].frames.sizes.size() == 6);
}

TEST_CASE("frames: with zip64 the table comes first, the zip64 extra last") {
  FramedZip z;
  TempFile file;
  ZipWriter w(file.fd(), file.path(), 0, /*force_zip64=*/true);
  w.begin_entry(NewEntry{"big.so", zip::kMethodZstd, 0100755, z.data.size()});
  w.write_data(z.compressed);
  w.end_entry(0, z.data.size(), z.table);
  uint64_t end = w.finish();
  std::string bytes = file.contents();
  // The central record sits right before the zip64 end records and the EOCD.
  size_t cd = bytes.rfind(std::string("PK\x01\x02", 4));
  REQUIRE(cd != std::string::npos);
  size_t name_len = load_u16(reinterpret_cast<const uint8_t*>(bytes.data()) + cd + 28);
  size_t extra_at = cd + zip::kCentralHeaderSize + name_len;
  CHECK(load_u16(reinterpret_cast<const uint8_t*>(bytes.data()) + extra_at) == zip::kFrameTableId);
  size_t table_len = load_u16(reinterpret_cast<const uint8_t*>(bytes.data()) + extra_at + 2);
  CHECK(load_u16(reinterpret_cast<const uint8_t*>(bytes.data()) + extra_at + 4 + table_len) ==
        zip::kZip64ExtraId);
  ZipReader r(file.fd(), file.path());
  CHECK(r.read_all()[0].frames.sizes == z.table.sizes);
  CHECK(end == bytes.size());
}

TEST_CASE("frames: one frame gives no table; a table that does not match is refused") {
  FramedZip z;
  zip::FrameTable one{kSpan, {uint32_t(z.compressed.size())}};
  FramedZip single(one);
  CHECK(ZipReader(single.file.fd(), single.file.path()).read_all()[0].frames.sizes.empty());

  for (int broken = 0; broken < 3; ++broken) {
    zip::FrameTable t = z.table;
    if (broken == 0) t.sizes[1] += 1;       // frames overrun the data
    if (broken == 1) t.span /= 2;           // frames decode to less than the entry
    if (broken == 2) t.sizes.push_back(0);  // one frame too many
    FramedZip bad(t);
    ZipReader r(bad.file.fd(), bad.file.path());
    Status st = Status::kInternal;
    bool threw = false;
    try {
      r.read_all();
    } catch (const Error& e) {
      st = e.status();
      threw = true;
    }
    CHECK(threw);
    CHECK(st == Status::kBadArchive);
  }
}

// Found while writing test/fuzz/zip_reader_fuzz.cc (which reports it as an
// out-of-memory): a table that agreed with its entry's sizes but named a span
// of gigabytes was accepted, and decode_frame then allocated that much for one
// frame's output.
TEST_CASE("frames: a span past kMaxFrameSpan is refused") {
  FramedZip z;
  TempFile file;
  uint32_t span = zip::kMaxFrameSpan + 1;
  ZipWriter w(file.fd(), file.path(), 0);
  w.begin_entry(NewEntry{"big.so", zip::kMethodZstd, 0100755, z.data.size()});
  w.write_data(z.compressed);
  // Two frames and a recorded size that the span fits: only the span is wrong.
  zip::FrameTable t{span, {uint32_t(z.compressed.size() - 1), 1}};
  w.end_entry(0, uint64_t(span) + 1, t);
  w.finish();
  ZipReader r(file.fd(), file.path());
  try {
    r.read_all();
    FAIL_CHECK("a frame table with a huge span was accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadArchive);
    CHECK(std::string(e.what()).find("frame table") != std::string::npos);
  }
}

TEST_CASE("frames: each frame decodes on its own, in any order, on any thread") {
  FramedZip z;
  FramedZip framed(z.table);
  ZipReader r(framed.file.fd(), framed.file.path());
  zip::Entry e = r.read_all()[0];
  uint64_t start = r.data_offset(e);
  std::vector<uint64_t> offsets;
  for (uint32_t size : e.frames.sizes) {
    offsets.push_back(start);
    start += size;
  }
  std::string rebuilt(z.data.size(), '\0');
  // Two threads, each taking every other frame from the last to the first.
  auto worker = [&](size_t parity) {
    EntryScratch s;
    for (size_t i = e.frames.sizes.size(); i-- > 0;) {
      if (i % 2 != parity) continue;
      std::string_view out = decode_frame(r, e, i, offsets[i], s, Integrity::kArchiveChecks);
      rebuilt.replace(i * kSpan, out.size(), out);
    }
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  CHECK(rebuilt == z.data);

  // A damaged frame fails its checksum and names the entry.
  framed.file.write_at(offsets[2] + 20, "XXXX");
  EntryScratch s;
  std::string what;
  try {
    decode_frame(r, e, 2, offsets[2], s, Integrity::kArchiveChecks);
  } catch (const Error& err) {
    what = err.what();
  }
  CHECK(what.find("big.so") != std::string::npos);
}

// Extraction leaves zstd's XXH64 to the content hash that covers the same
// bytes; verify keeps it. A frame whose only damage is its checksum shows both.
TEST_CASE("frames: the zstd checksum is checked for verify and left to SHA-256 for extraction") {
  FramedZip z;
  FramedZip framed(z.table);
  ZipReader r(framed.file.fd(), framed.file.path());
  zip::Entry e = r.read_all()[0];
  uint64_t first = r.data_offset(e);
  // The frame's last 4 bytes are its content checksum.
  framed.file.write_at(first + e.frames.sizes[0] - 4, "XXXX");
  EntryScratch s;
  bool threw = false;
  try {
    decode_frame(r, e, 0, first, s, Integrity::kArchiveChecks);
  } catch (const Error& err) {
    threw = err.status() == Status::kBadArchive;
  }
  CHECK(threw);
  std::string_view out = decode_frame(r, e, 0, first, s, Integrity::kContentHashOnly);
  CHECK(out == std::string_view(z.data).substr(0, kSpan));
}

TEST_CASE("frames: a frame that ends exactly at the stream buffer's end decodes") {
  // 1 MiB is the streaming decoder's output buffer: the frame's last call
  // fills it and reports the frame complete in the same call.
  for (size_t size : {size_t(1) << 20, size_t(2) << 20, (size_t(1) << 20) + 1}) {
    std::string zeros(size, '\0');
    std::string compressed(ZSTD_compressBound(size), '\0');
    size_t n = ZSTD_compress(compressed.data(), compressed.size(), zeros.data(), size, 3);
    REQUIRE(!ZSTD_isError(n));
    compressed.resize(n);
    TempFile file;
    ZipWriter w(file.fd(), file.path(), 0);
    w.begin_entry(NewEntry{"zeros", zip::kMethodZstd, 0100644, size});
    w.write_data(compressed);
    w.end_entry(crc32_update(0, zeros.data(), size), size);
    w.finish();
    ZipReader r(file.fd(), file.path());
    EntryScratch s;
    CHECK(read_entry(r, r.read_all()[0], s) == zeros);
  }
}

std::vector<zip::Entry> entries_of(const std::vector<std::pair<uint64_t, size_t>>& sizes_frames) {
  std::vector<zip::Entry> out;
  for (size_t i = 0; i < sizes_frames.size(); ++i) {
    zip::Entry e;
    e.name = "f" + std::to_string(i);
    e.compressed_size = sizes_frames[i].first;
    if (sizes_frames[i].second >= 2) {
      e.frames.span = 4 << 20;
      e.frames.sizes.assign(sizes_frames[i].second, 1);
    }
    out.push_back(e);
  }
  return out;
}

TEST_CASE("schedule: a big file is one framed unit, first; small files are batched") {
  // 40 small files of 1 KiB, one 3-frame file, one medium single-frame file.
  std::vector<std::pair<uint64_t, size_t>> spec(40, {1024, 0});
  spec.push_back({9 << 20, 3});
  spec.push_back({200 << 10, 0});
  std::vector<zip::Entry> entries = entries_of(spec);
  std::vector<FileTask> tasks;
  for (const zip::Entry& e : entries) tasks.push_back({&e, "/x/" + e.name});
  std::vector<WorkUnit> units = schedule_extraction(tasks);

  REQUIRE(units.size() == 1 + 1 + 2);
  CHECK(tasks[0].entry->name == "f40");  // biggest first
  CHECK(units[0].first == 0);
  CHECK(units[0].framed);
  CHECK(units[1].first == 1);
  CHECK(units[1].count == 1);
  CHECK_FALSE(units[1].framed);
  CHECK(units[2].count == kBatchFiles);
  CHECK(units[3].count == 40 - kBatchFiles);
  size_t covered = 0;
  for (const WorkUnit& u : units)
    if (!u.framed) covered += u.count;
  CHECK(covered == tasks.size() - 1);
}

TEST_CASE("schedule: batches stop at the byte budget, and the order is the same every time") {
  std::vector<std::pair<uint64_t, size_t>> spec(10, {60 << 10, 0});
  std::vector<zip::Entry> entries = entries_of(spec);
  std::vector<FileTask> a, b;
  for (const zip::Entry& e : entries) a.push_back({&e, e.name});
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) b.push_back({&*it, it->name});
  std::vector<WorkUnit> ua = schedule_extraction(a), ub = schedule_extraction(b);
  for (const WorkUnit& u : ua) CHECK(u.count * (60 << 10) <= kBatchBytes);
  REQUIRE(ua.size() == ub.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].entry->name == b[i].entry->name);
}

}  // namespace
}  // namespace pexrc
