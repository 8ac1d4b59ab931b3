// bench_next_task [ROWS...]: next-task latency and engine bytes per row at 1k, 100k, 1M open
// rows (default pipeline, 10% specialized rows, 30 reviewers). Prints one line per size.
//   median/p99 of next_task for a fresh reviewer, and for a reviewer who already reviewed
//   5000 rows now queued for QA (every QA row at the head excludes them).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/engine.hpp"

using namespace labelflow::core;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

struct Stats {
  double median_us, p99_us;
};
Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[v.size() * 99 / 100]};
}

void run(std::size_t n) {
  ExactLabelOracle oracle;
  TaskIdAllocator ids;
  ProjectSpec spec;
  spec.id = "bench";
  spec.labels = {"intent"};
  spec.expert_domains = {"medical", "legal"};
  std::vector<ReviewerSpec> reviewers;
  for (int i = 0; i < 30; ++i) {
    ReviewerSpec r;
    r.id = "r" + std::to_string(i);
    r.roles = i < 20 ? 1 : (i < 26 ? 2 : 3);
    if (i % 5 == 0) r.expertise = {i % 2 ? "medical" : "legal"};
    reviewers.push_back(r);
  }
  TimeMs now = 1'700'000'000'000;
  const long rss0 = rss_kb();
  Engine e(spec, reviewers, oracle, ids);
  Changes sink;
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> dom;
    if (i % 10 == 0) dom.push_back(i % 20 ? "medical" : "legal");
    e.add_row("row-" + std::to_string(i), static_cast<std::int64_t>(i % 3), dom, now, sink);
    sink = {};
  }
  const double add_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const long rss1 = rss_kb();
  const std::size_t bytes = e.approx_bytes();

  // The QA-heavy reviewer: r26 (primary+qa) and r0 review 5000 rows first.
  RowDoc doc;
  SubmitInput in;
  in.labels["intent"] = "x";
  const std::size_t warm = std::min<std::size_t>(5000, n / 4);
  for (std::size_t i = 0; i < warm; ++i) {
    for (const char* who : {"r26", "r1"}) {
      Changes c;
      auto t = e.next_task(who, now, c);
      if (!t.value->has_value()) break;
      doc.content.id = (*t.value)->row_id;
      e.submit((*t.value)->id, who, in, doc, now, c);
    }
  }
  auto measure = [&](const std::string& who, int iters) {
    std::vector<double> us;
    for (int i = 0; i < iters; ++i) {
      Changes c;
      const auto a = Clock::now();
      auto t = e.next_task(who, now, c);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      if (!t.value->has_value()) break;
      Changes c2;
      e.release((*t.value)->id, who, now, c2);  // give it back: the queue stays the same size
      now += 1;
    }
    return stats(us);
  };
  const Stats fresh = measure("r7", 2000);
  const Stats qa_heavy = measure("r26", 2000);
  std::printf(
      "open_rows=%zu add_rows_s=%.2f next_task_us median=%.2f p99=%.2f "
      "qa_reviewer_with_%zu_reviews median=%.2f p99=%.2f engine_bytes_per_row=%.1f "
      "rss_kb_per_row=%.3f\n",
      n, add_s, fresh.median_us, fresh.p99_us, warm, qa_heavy.median_us, qa_heavy.p99_us,
      static_cast<double>(bytes) / static_cast<double>(n),
      static_cast<double>(rss1 - rss0) / static_cast<double>(n));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes = {1'000, 100'000, 1'000'000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  }
  for (auto n : sizes) run(n);
}
