// Scale benchmark: claimtrace against `ugrep -F` and the tokenizing floor on
// the shared generator's reports (../shared/bench/gen.py), one run, side by
// side, so the figures compare only with each other (never a wall-clock
// limit). For each size it generates a report (reused when already there), a
// release quoting its 50 quotations, and prints CPU and wall time, peak RSS
// (of each child process alone) and how many quotations each tool located,
// as scored by the generator's check.py; plus the ratios the issue sets
// targets for (RSS / source, claimtrace / ugrep time).
//
// Usage: claimtrace_scale_bench [--claimtrace BIN] [--bench-dir DIR]
//                               [--work DIR] [MEGABYTES...]   (default 1 10 50 200)
// Internal: claimtrace_scale_bench --tokenize FILE (the floor, in a child).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/tokens.h"

namespace {

namespace fs = std::filesystem;

struct Run {
  int status = -1;
  double cpu = 0, wall = 0;
  long rss_mib = 0;
};

// Runs `argv` with stdout to `out` (or /dev/null), measuring it alone.
Run Measure(const std::vector<std::string>& argv, const std::string& out) {
  Run r;
  std::fflush(stdout);  // or the child prints what is buffered again
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(out.empty() ? "/dev/null" : out.c_str(), "w", stdout)) _exit(127);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
          usage.ru_stime.tv_usec / 1e6;
  r.rss_mib = usage.ru_maxrss / 1024;
  return r;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// "total=N/50" from check.py's output, or -1.
int Located(const std::string& bench_dir, const std::string& prefix,
            const std::string& results) {
  std::string cmd = "python3 '" + bench_dir + "/check.py' '" + prefix + ".report.txt' '" +
                    prefix + ".quotes.txt' '" + prefix + ".truth.tsv' '" + results + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[512];
  std::string text;
  while (fgets(buf, sizeof buf, p)) text += buf;
  pclose(p);
  size_t at = text.find("total=");
  return at == std::string::npos ? -1 : std::atoi(text.c_str() + at + 6);
}

int TokenizeFloor(const char* path) {
  claimtrace::LoadLimits limits;  // the generator's largest reports pass 128 MiB
  limits.max_input_bytes = limits.max_text_bytes = uint64_t{1} << 30;
  auto doc = claimtrace::LoadDocument(path, claimtrace::DocumentFormat::kAuto, limits);
  if (!doc.ok()) return 2;
  claimtrace::Tokenizer tokenizer;
  size_t n = 0;
  for (const claimtrace::Block& b : doc->blocks())
    n += tokenizer.Tokenize(doc->Slice(b.range), b.range.begin).size();
  std::printf("%zu\n", n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--tokenize") return TokenizeFloor(argv[2]);
  std::string claimtrace = CLAIMTRACE_BINARY;
  std::string bench_dir = CLAIMTRACE_SOURCE_DIR "/../shared/bench";
  std::string work = "bench-data";
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--claimtrace" && i + 1 < argc) {
      claimtrace = argv[++i];
    } else if (a == "--bench-dir" && i + 1 < argc) {
      bench_dir = argv[++i];
    } else if (a == "--work" && i + 1 < argc) {
      work = argv[++i];
    } else {
      sizes.push_back(std::atoi(a.c_str()));
    }
  }
  if (sizes.empty()) sizes = {1, 10, 50, 200};
  const std::string seed = bench_dir + "/../seeds/003_5fde8e9963802fc7.txt";
  if (!fs::exists(bench_dir + "/gen.py") || !fs::exists(seed)) {
    std::printf("skipped: no generator at %s/gen.py (or its seed); pass --bench-dir\n",
                bench_dir.c_str());
    return 0;
  }
  bool have_ugrep = system("command -v ugrep >/dev/null 2>&1") == 0;
  if (!have_ugrep) std::printf("ugrep not found (apt-get install ugrep): column empty\n");
  fs::create_directories(work);

  std::printf("%5s | %-37s | %-22s | %-9s | %s\n", "MB",
              "claimtrace: cpu s, wall s, MiB, ok, alt", "ugrep -F: cpu s, ok",
              "tokenize", "ratios: RSS/src, cpu/ugrep, wall/ugrep, cpu/tok");
  for (int mb : sizes) {
    std::string prefix = work + "/gen" + std::to_string(mb);
    if (!fs::exists(prefix + ".truth.tsv")) {
      Run g = Measure({"python3", bench_dir + "/gen.py", seed,
                       std::to_string(mb * 1000000LL), prefix, "12345"},
                      "");
      if (g.status != 0) {
        std::printf("%5d | generator failed\n", mb);
        continue;
      }
    }
    std::vector<std::string> quotes = Lines(prefix + ".quotes.txt");
    std::map<int, bool> altered;  // qid -> altered by the generator
    for (const std::string& t : Lines(prefix + ".truth.tsv")) {
      altered[std::atoi(t.c_str())] = t.size() > 2 && t[t.find('\t') + 1] == '1';
    }
    {
      std::ofstream release(prefix + ".release.txt");
      for (const std::string& q : quotes)
        release << "The report said \u201c" << q << "\u201d.\n\n";
    }
    double source_mib = fs::file_size(prefix + ".report.txt") / 1048576.0;

    // claimtrace: each quotation is paragraph qid + 1, on line 2 * qid + 1.
    Run ct = Measure({claimtrace, "check", "--format", "json", "--max-input-size", "1G",
                      prefix + ".release.txt", prefix + ".report.txt"},
                     prefix + ".claimtrace.json");
    int ct_ok = -1, ct_altered = 0;
    if (ct.status == 0 || ct.status == 1) {
      nlohmann::json j = nlohmann::json::parse(Slurp(prefix + ".claimtrace.json"));
      std::ofstream results(prefix + ".claimtrace.tsv");
      for (const auto& c : j["claims"]) {
        int qid = (c["line"].get<int>() - 1) / 2;
        if (c.contains("match") && c["match"].contains("line"))
          results << qid << '\t' << c["match"]["line"].get<int>() << '\n';
        ct_altered += altered[qid] && c["verdict"] == "altered";
      }
      results.close();
      ct_ok = Located(bench_dir, prefix, prefix + ".claimtrace.tsv");
    }

    // ugrep -F: exact occurrences only; -o -n names each match's line.
    Run ug;
    int ug_ok = -1;
    if (have_ugrep) {
      ug = Measure({"ugrep", "-F", "-o", "-n", "-f", prefix + ".quotes.txt",
                    prefix + ".report.txt"},
                   prefix + ".ugrep.txt");
      std::map<std::string, int> first_line;
      for (const std::string& l : Lines(prefix + ".ugrep.txt")) {
        size_t colon = l.find(':');
        if (colon == std::string::npos) continue;
        first_line.emplace(l.substr(colon + 1), std::atoi(l.c_str()));
      }
      std::ofstream results(prefix + ".ugrep.tsv");
      for (size_t q = 0; q < quotes.size(); ++q) {
        if (auto it = first_line.find(quotes[q]); it != first_line.end())
          results << q << '\t' << it->second << '\n';
      }
      results.close();
      ug_ok = Located(bench_dir, prefix, prefix + ".ugrep.tsv");
    }

    Run tok = Measure({argv[0], "--tokenize", prefix + ".report.txt"}, "");

    std::printf(
        "%5d | %6.2f %6.2f %6ld %4d/50 %3d/25      | %6.3f %4d/50          | %8.2f  | "
        "%5.2f %6.1f %6.1f %6.2f\n",
        mb, ct.cpu, ct.wall, ct.rss_mib, ct_ok, ct_altered, ug.cpu, ug_ok, tok.cpu,
        ct.rss_mib / source_mib, ug.cpu > 0 ? ct.cpu / ug.cpu : 0,
        ug.wall > 0 ? ct.wall / ug.wall : 0, tok.cpu > 0 ? ct.cpu / tok.cpu : 0);
    std::fflush(stdout);
  }
  return 0;
}
