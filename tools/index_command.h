// The archive commands: `index add|remove|list` and `sources --corpus`, kept
// apart from claimtrace.cc's per-report commands (`check --corpus` is
// `check`: the same flags, formats and output).
#ifndef CLAIMTRACE_TOOLS_INDEX_COMMAND_H_
#define CLAIMTRACE_TOOLS_INDEX_COMMAND_H_

namespace claimtrace_cli {

// Runs the command in `argv` and sets `*exit_code` when it is an archive
// command; returns false (and does nothing) otherwise.
bool RunCorpusCommand(int argc, char** argv, int* exit_code);

}  // namespace claimtrace_cli

#endif  // CLAIMTRACE_TOOLS_INDEX_COMMAND_H_
