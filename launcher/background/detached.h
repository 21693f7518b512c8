// Work a cold start leaves behind (compiling bytecode, keeping the cache
// within its limits), done by a process that outlives the launcher's exec
// and only uses what the app leaves over.
#pragma once

#include <functional>
#include <string>

namespace pexrc {

enum class Detached { kStarted, kAlreadyRunning, kFailed };

/// Runs `work` in a detached process and returns at once: twice forked (the
/// app, which this process becomes, must not see a child it did not start,
/// which os.wait() would reap), in a session of its own (away from the
/// terminal's signals), stdio on /dev/null (a pipe on the app's output must
/// not wait for it), at idle CPU and I/O priority. `lock_path` is locked
/// exclusively before the fork and held by that process until the work ends:
/// one such work at a time, without a gap (tests wait on it with flock(1));
/// kAlreadyRunning if another process holds it. An empty `lock_path`: no
/// lock, any number at once. Descriptors without
/// close-on-exec stay open in it: locks held before the call stay held.
Detached run_detached(const std::string& lock_path, const std::function<void()>& work);

}  // namespace pexrc
