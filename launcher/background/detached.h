// Work a cold start leaves behind (compiling bytecode, keeping the cache
// within its limits), done by a process that outlives the launcher's exec
// and only uses what the app leaves over.
#pragma once

#include <functional>

namespace pexrc {

/// Runs `work` in a detached process and returns at once: twice forked (the
/// app, which this process becomes, must not see a child it did not start,
/// which os.wait() would reap), in a session of its own (away from the
/// terminal's signals), stdio on /dev/null (a pipe on the app's output must
/// not wait for it), at idle CPU and I/O priority. Descriptors without
/// close-on-exec stay open in it: locks held before the call stay held until
/// the work ends. False if it could not start.
bool run_detached(const std::function<void()>& work);

}  // namespace pexrc
