// Progress of an injection on stderr: a bar redrawn in place on a terminal, a
// few plain lines on a long run into a pipe or file, nothing when quiet. It
// only reports what has been written; it never touches the output.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace pexrc {

enum class ProgressStyle {
  kNone,      ///< --quiet: nothing
  kTerminal,  ///< stderr is a TTY: one line redrawn in place, cleared at the end
  kLines,     ///< otherwise: full lines, only once the work has run a few seconds
};

/// kTerminal when `fd` is a terminal, else kLines; kNone when quiet.
ProgressStyle progress_style_for(int fd, bool quiet);

struct ProgressSettings {
  ProgressStyle style = ProgressStyle::kNone;
  /// kLines: time between lines; the first comes after 3 s, or after this
  /// if shorter. Zero prints a line for every piece written.
  std::chrono::duration<double> line_interval = std::chrono::seconds(5);
};

class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  /// `task` leads each line ("compiling bytecode: "; "" for writing) and
  /// `items` names what is counted ("entries", "sources").
  Progress(const ProgressSettings& settings, uint64_t total_bytes, uint64_t total_entries,
           std::string task = "", std::string items = "entries");
  /// Clears a bar still on screen (also when an error unwinds past it).
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Records that `bytes` of entry data (uncompressed) and `entries` whole
  /// entries went into the output. Costs a clock read; draws the bar at once
  /// and then at most every 100 ms, or a line as `line_interval` says.
  void wrote(uint64_t bytes, uint64_t entries);

  /// Ends the display: clears the bar so the next line starts clean.
  void finish();

 private:
  void draw_bar(Clock::time_point now);
  void print_line(Clock::time_point now);
  struct Figures {
    std::string bytes_done, bytes_total, entries_done, entries_total, rate, eta;
  };
  Figures figures(Clock::time_point now) const;

  ProgressStyle style_;
  std::string task_;
  std::string items_;
  Clock::duration line_interval_;
  uint64_t total_bytes_;
  uint64_t total_entries_;
  uint64_t done_bytes_ = 0;
  uint64_t done_entries_ = 0;
  Clock::time_point start_;
  Clock::time_point next_draw_;
  size_t drawn_width_ = 0;  // columns of the bar on screen, 0 when none
};

}  // namespace pexrc
