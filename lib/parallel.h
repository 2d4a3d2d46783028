// RunOnThreads: runs one loop on a few threads at once, and passes the
// first exception any of them threw (std::bad_alloc on a large input) to
// the caller once all have ended. A std::thread whose function throws ends
// the process; every parallel loop of the pipeline goes through here so
// that running out of memory is a message naming the file, never an abort.
#ifndef CLAIMTRACE_PARALLEL_H_
#define CLAIMTRACE_PARALLEL_H_

#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace claimtrace {

// Calls `work` on the caller's thread and on up to `threads` - 1 more (fewer
// when the system will not start them), waits for all, then rethrows the
// first exception thrown. `work` shares its items out itself (an atomic
// counter), and keeps any per-thread state in its own locals.
template <typename Work>
void RunOnThreads(size_t threads, const Work& work) {
  std::exception_ptr failed;
  std::mutex failed_mutex;
  auto guarded = [&] {
    try {
      work();
    } catch (...) {
      std::lock_guard<std::mutex> lock(failed_mutex);
      if (!failed) failed = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(guarded);
    } catch (const std::system_error&) {
      break;  // the threads started share the work
    }
  }
  guarded();
  for (std::thread& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace claimtrace

#endif  // CLAIMTRACE_PARALLEL_H_
