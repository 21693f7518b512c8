#include "injector/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "common/human_bytes.h"

namespace pexrc {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
// A pipe or a log file gets nothing from a run that ends quickly, and then
// only a line now and then: build logs should stay readable.
constexpr auto kFirstLineAfter = std::chrono::seconds(3);
constexpr size_t kBarWidth = 20;

size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string human_rate(double bytes_per_second) {
  double mib = bytes_per_second / (1 << 20);
  char buf[32];
  std::snprintf(buf, sizeof buf, mib >= 10 ? "%.0f MiB/s" : "%.1f MiB/s", mib);
  return buf;
}

std::string human_duration(double seconds) {
  auto s = static_cast<unsigned long long>(seconds + 0.5);
  char buf[48];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%llu s", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%llu min %02llu s", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%llu h %02llu min", s / 3600, s / 60 % 60);
  return buf;
}

void write_stderr(const std::string& text) {
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(2, text.data() + off, text.size() - off);
    if (n <= 0) return;  // progress is best effort: never an error of its own
    off += size_t(n);
  }
}

}  // namespace

ProgressStyle progress_style_for(int fd, bool quiet) {
  if (quiet) return ProgressStyle::kNone;
  return ::isatty(fd) ? ProgressStyle::kTerminal : ProgressStyle::kLines;
}

// The bar is drawn on the first write already, so even a short run on a
// terminal shows what it did before the bar is cleared.
Progress::Progress(const ProgressSettings& settings, uint64_t total_bytes, uint64_t total_entries,
                   std::string task, std::string items)
    : style_(settings.style),
      task_(std::move(task)),
      items_(std::move(items)),
      line_interval_(std::chrono::duration_cast<Clock::duration>(settings.line_interval)),
      total_bytes_(total_bytes),
      total_entries_(total_entries),
      start_(Clock::now()),
      next_draw_(style_ == ProgressStyle::kLines
                     ? start_ + std::min<Clock::duration>(kFirstLineAfter, line_interval_)
                     : start_) {}

Progress::~Progress() { finish(); }

void Progress::wrote(uint64_t bytes, uint64_t entries) {
  done_bytes_ += bytes;
  done_entries_ += entries;
  if (style_ == ProgressStyle::kNone) return;
  Clock::time_point now = Clock::now();
  if (now < next_draw_) return;
  if (style_ == ProgressStyle::kTerminal) {
    draw_bar(now);
    next_draw_ = now + kRedrawEvery;
  } else {
    print_line(now);
    next_draw_ = now + line_interval_;
  }
}

void Progress::finish() {
  if (drawn_width_ == 0) return;
  std::string blank(drawn_width_ + 2, ' ');
  blank.front() = blank.back() = '\r';
  write_stderr(blank);
  drawn_width_ = 0;
}

// The rate is the average since the start, so the ETA does not jump with each
// chunk. Neither says anything true in the first half second, nor the ETA
// before 1% is done (the first chunks are still in the compressors).
Progress::Figures Progress::figures(Clock::time_point now) const {
  double elapsed = std::chrono::duration<double>(now - start_).count();
  Figures f;
  f.bytes_done = human_bytes(done_bytes_);
  f.bytes_total = human_bytes(total_bytes_);
  f.entries_done = std::to_string(done_entries_);
  f.entries_total = std::to_string(total_entries_);
  f.rate = "-- MiB/s";
  f.eta = "--";
  if (elapsed >= 0.5) {
    double rate = double(done_bytes_) / elapsed;
    uint64_t left = total_bytes_ > done_bytes_ ? total_bytes_ - done_bytes_ : 0;
    f.rate = human_rate(rate);
    if (rate > 0 && done_bytes_ * 100 >= total_bytes_) f.eta = human_duration(double(left) / rate);
  }
  return f;
}

// "[#######.............]  37%  2.0 GiB/5.5 GiB  4100/18800 entries  210 MiB/s  ETA 21 s",
// without the bar when the terminal is too narrow for it. The bar keeps its
// width so that only the text after it changes from one redraw to the next.
void Progress::draw_bar(Clock::time_point now) {
  double fraction = total_bytes_     ? double(done_bytes_) / double(total_bytes_)
                    : total_entries_ ? double(done_entries_) / double(total_entries_)
                                     : 1.0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  Figures f = figures(now);
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", int(fraction * 100));
  std::string text = task_ + std::string(percent) + "  " + f.bytes_done + "/" + f.bytes_total +
                     "  " + f.entries_done + "/" + f.entries_total + " " + items_ + "  " + f.rate +
                     "  ETA " + f.eta;

  // One column short of the width: writing the last column makes some
  // terminals wrap, and then "\r" no longer returns to the bar's line.
  size_t width = terminal_columns() - 1;
  std::string line;
  if (width >= text.size() + kBarWidth + 3) {  // "[" and "] "
    size_t full = size_t(fraction * double(kBarWidth));
    line = "[" + std::string(full, '#') + std::string(kBarWidth - full, '.') + "] " + text;
  } else {
    line = text.substr(0, width);
  }
  size_t shown = line.size();
  if (shown < drawn_width_) line.append(drawn_width_ - shown, ' ');
  write_stderr("\r" + line);
  drawn_width_ = std::max(shown, drawn_width_);
}

// "pexrc-inject: 1.2 GiB of 5.5 GiB, 4100 of 18800 entries, 210 MiB/s, ETA 21 s"
void Progress::print_line(Clock::time_point now) {
  Figures f = figures(now);
  write_stderr("pexrc-inject: " + task_ + f.bytes_done + " of " + f.bytes_total + ", " +
               f.entries_done + " of " + f.entries_total + " " + items_ + ", " + f.rate + ", ETA " +
               f.eta + "\n");
}

}  // namespace pexrc
