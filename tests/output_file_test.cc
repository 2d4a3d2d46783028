// Tests for the tool's output files: modes from the umask, symlinks and
// special files written in place, failures reported, no temporary left.
#include "output_file.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

struct Dir {
  fs::path path = fs::temp_directory_path() / "claimtrace_output_test";
  Dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  // Number of entries: a leftover temporary file shows here.
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

mode_t ModeOf(const std::string& path) {
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

struct UmaskCase {
  mode_t umask;
  mode_t mode;
};

TEST_CASE("a new file gets the mode the umask allows") {
  const UmaskCase cases[] = {{022, 0644}, {002, 0664}, {077, 0600}, {027, 0640}};
  for (const UmaskCase& c : cases) {
    CAPTURE(c.umask);
    Dir dir;
    mode_t old = ::umask(c.umask);
    std::string error = WriteOutputFile(dir / "claims.sarif", "{}\n");
    ::umask(old);
    CHECK(error == "");
    CHECK(ModeOf(dir / "claims.sarif") == c.mode);
    CHECK(Read(dir / "claims.sarif") == "{}\n");
    CHECK(dir.Entries() == 1);
  }
}

TEST_CASE("an existing file keeps its mode and is replaced whole") {
  Dir dir;
  std::ofstream(dir / "policy.toml") << "old text that is longer than the new\n";
  ::chmod((dir / "policy.toml").c_str(), 0640);
  CHECK(WriteOutputFile(dir / "policy.toml", "new\n") == "");
  CHECK(Read(dir / "policy.toml") == "new\n");
  CHECK(ModeOf(dir / "policy.toml") == 0640);
}

TEST_CASE("a symlink stays a link and its target gets the content") {
  Dir dir;
  std::ofstream(dir / "real.json") << "old\n";
  fs::create_symlink("real.json", dir / "link.json");
  CHECK(WriteOutputFile(dir / "link.json", "new\n") == "");
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(Read(dir / "real.json") == "new\n");
  CHECK(dir.Entries() == 2);

  fs::create_symlink("new.json", dir / "dangling.json");
  CHECK(WriteOutputFile(dir / "dangling.json", "created\n") == "");
  CHECK(fs::is_symlink(dir / "dangling.json"));
  CHECK(Read(dir / "new.json") == "created\n");
}

TEST_CASE("special files are written in place, never replaced") {
  CHECK(WriteOutputFile("/dev/null", "discarded\n") == "");
  CHECK(fs::is_character_file("/dev/null"));

  Dir dir;
  std::string fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = Read(fifo); });
  CHECK(WriteOutputFile(fifo, "through the pipe\n") == "");
  reader.join();
  CHECK(received == "through the pipe\n");
  CHECK(fs::is_fifo(fifo));
}

struct FailureCase {
  const char* name;
  std::string path;
  const char* message;
};

TEST_CASE("failed writes say what failed") {
  Dir dir;
  fs::create_directories(dir.path / "folder");
  const FailureCase cases[] = {
      {"a full device", "/dev/full", "/dev/full: write failed"},
      {"a missing folder", dir / "missing/out.json", "cannot create a file in"},
      {"a directory", dir / "folder", "is a directory"},
  };
  for (const FailureCase& c : cases) {
    CAPTURE(std::string(c.name));
    std::string error = WriteOutputFile(c.path, "content\n");
    CHECK(error.find(c.message) != std::string::npos);
  }
  CHECK(dir.Entries() == 1);  // only the folder: no temporary left behind
}

TEST_CASE("standard output on a full device is an error with a message") {
  int saved = ::dup(STDOUT_FILENO);
  int full = ::open("/dev/full", O_WRONLY);
  REQUIRE(full >= 0);
  ::dup2(full, STDOUT_FILENO);
  std::string error = WriteStandardOutput("some report\n");
  ::dup2(saved, STDOUT_FILENO);
  ::close(full);
  ::close(saved);
  CHECK(error.find("cannot write to standard output") != std::string::npos);
}

TEST_CASE("SIGTERM during a write removes the temporary file") {
  Dir dir;
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    InstallCleanupHandlers();
    // Large enough that the write is still going when the signal comes.
    std::string big(size_t{256} << 20, 'x');
    _exit(WriteOutputFile(dir / "big.bin", big).empty() ? 0 : 1);
  }
  // Wait (by polling, no clock) for the temporary file to appear.
  bool seen = false;
  for (int i = 0; i < 20000 && !seen; ++i) {
    for (const auto& entry : fs::directory_iterator(dir.path)) {
      seen = seen || entry.path().filename().string().find(".tmp.") != std::string::npos;
    }
    if (!seen) ::usleep(500);
  }
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (WIFSIGNALED(status)) {
    CHECK(WTERMSIG(status) == SIGTERM);
    CHECK(dir.Entries() == 0);
  } else {
    // The write won the race: the file is whole and nothing else is left.
    MESSAGE("the write finished before SIGTERM arrived");
    CHECK(dir.Entries() == 1);
    CHECK(fs::file_size(dir / "big.bin") == size_t{256} << 20);
  }
  CHECK(seen);
}

}  // namespace
}  // namespace claimtrace
