// Output files of the command-line tool (`--output`, the policy file that
// `baseline` edits) and standard output, written so CI can rely on them:
//
// - A regular file is written whole or not at all: a temporary file in the
//   same folder, flushed, then renamed over the target. A new file gets the
//   mode the umask allows (0644 under umask 022), an existing one keeps its
//   mode, so an artifact one job writes another can read.
// - A symlink is followed: the file it points at is replaced, the link stays.
// - A special file (/dev/null, a FIFO, /dev/stdout) is written in place,
//   never replaced by a rename.
// - SIGINT, SIGTERM and SIGHUP remove the temporary file before the process
//   dies (InstallCleanupHandlers()).
// - Every failure, on a file or on standard output (`> /dev/full`), comes
//   back as a message naming what failed, for exit code 2.
//
// Not thread safe: one write at a time (the signal handler knows one file).
#ifndef CLAIMTRACE_TOOLS_OUTPUT_FILE_H_
#define CLAIMTRACE_TOOLS_OUTPUT_FILE_H_

#include <string>
#include <string_view>

namespace claimtrace {

// Writes `content` to `path` as described above. Returns "" on success, or a
// message naming the path and the reason.
std::string WriteOutputFile(const std::string& path, std::string_view content);

// Writes `content` to standard output. Returns "" or a message.
std::string WriteStandardOutput(std::string_view content);

// Makes SIGINT, SIGTERM and SIGHUP remove a temporary file being written.
void InstallCleanupHandlers();

}  // namespace claimtrace

#endif  // CLAIMTRACE_TOOLS_OUTPUT_FILE_H_
