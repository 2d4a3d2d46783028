// Output files: see output_file.h for what each kind of target gets.
#include "output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

// The temporary file being written, for the signal handler: a fixed buffer,
// since a handler may only call async-signal-safe functions (unlink, raise).
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

extern "C" void RemoveTempAndDie(int sig) {
  if (g_temp_active) unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Writes all of `content` to `fd`, retrying short writes and EINTR.
// Returns 0 or the errno of the failure.
int WriteAll(int fd, std::string_view content) {
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    written += static_cast<size_t>(n);
  }
  return 0;
}

mode_t CurrentUmask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

std::string WriteInPlace(const std::string& path, std::string_view content,
                         bool truncate) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (truncate ? O_TRUNC : 0));
  if (fd < 0) return fmt::format("{}: cannot open: {}", path, std::strerror(errno));
  int error = WriteAll(fd, content);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return fmt::format("{}: write failed: {}", path, std::strerror(error));
  return "";
}

std::string WriteByRename(const fs::path& target, std::string_view content, mode_t mode) {
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  if (tmpl.size() >= sizeof(g_temp_path)) {
    return fmt::format("{}: path too long", target.string());
  }
  // Block the cleanup signals while the handler's path changes.
  sigset_t block, old;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
  sigprocmask(SIG_BLOCK, &block, &old);
  int fd = mkstemp(tmpl.data());
  if (fd >= 0) {
    std::memcpy(g_temp_path, tmpl.c_str(), tmpl.size() + 1);
    g_temp_active = 1;
  }
  int create_errno = errno;
  sigprocmask(SIG_SETMASK, &old, nullptr);
  if (fd < 0) {
    return fmt::format("{}: cannot create a file in {}: {}", target.string(),
                       dir.string(), std::strerror(create_errno));
  }
  int error = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (error == 0) error = WriteAll(fd, content);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(tmpl.c_str(), target.c_str()) != 0) error = errno;
  if (error != 0) ::unlink(tmpl.c_str());
  sigprocmask(SIG_BLOCK, &block, &old);
  g_temp_active = 0;
  sigprocmask(SIG_SETMASK, &old, nullptr);
  if (error != 0) {
    return fmt::format("{}: write failed ({}); the file was left unchanged",
                       target.string(), std::strerror(error));
  }
  return "";
}

}  // namespace

std::string WriteOutputFile(const std::string& path, std::string_view content) {
  if (path.empty()) return "an empty output path";
  struct stat link_st, st;
  if (::lstat(path.c_str(), &link_st) != 0) {
    if (errno != ENOENT) {
      return fmt::format("{}: cannot write: {}", path, std::strerror(errno));
    }
    return WriteByRename(path, content, 0666 & ~CurrentUmask());
  }
  bool is_link = S_ISLNK(link_st.st_mode);
  if (is_link && ::stat(path.c_str(), &st) != 0) {
    // A dangling link: create the file it names, keep the link.
    std::error_code ec;
    fs::path target = fs::read_symlink(path, ec);
    if (ec) return fmt::format("{}: cannot follow the link", path);
    if (target.is_relative()) target = fs::path(path).parent_path() / target;
    return WriteByRename(target, content, 0666 & ~CurrentUmask());
  }
  if (!is_link) st = link_st;
  if (S_ISDIR(st.st_mode)) return fmt::format("{}: is a directory", path);
  if (!S_ISREG(st.st_mode)) return WriteInPlace(path, content, false);
  if (is_link) {
    std::error_code ec, link_ec;
    fs::path target = fs::canonical(path, ec);
    // /dev/stdout and friends point into /proc: they are a descriptor the
    // caller opened, to be written in place, not a file to replace.
    bool via_proc = fs::read_symlink(path, link_ec).string().starts_with("/proc/");
    if (ec || via_proc || target.string().starts_with("/proc/")) {
      return WriteInPlace(path, content, true);
    }
    return WriteByRename(target, content, st.st_mode & 07777);
  }
  return WriteByRename(path, content, st.st_mode & 07777);
}

std::string WriteStandardOutput(std::string_view content) {
  int error = WriteAll(STDOUT_FILENO, content);
  if (error != 0) {
    return fmt::format("cannot write to standard output: {}", std::strerror(error));
  }
  return "";
}

void InstallCleanupHandlers() {
  struct sigaction action {};
  action.sa_handler = RemoveTempAndDie;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A signal ignored by the parent (nohup) stays ignored.
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sig, &action, nullptr);
  }
}

}  // namespace claimtrace
