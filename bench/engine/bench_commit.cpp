// bench_commit [DIR] [SECONDS]: durable submissions per second through SqliteStateStore
// (synchronous=FULL): (1) one transaction per submission (one caller waiting on each commit),
// (2) group commit with 64 concurrent callers. Each submission is a review-sized batch
// (task upsert + review + row state), like a real /submit.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite_store.hpp"

using namespace labelflow;
using Clock = std::chrono::steady_clock;

namespace {

store::Batch submission(std::uint64_t id) {
  store::Batch b;
  b.project = "bench";
  core::TaskRecord t;
  t.id = id;
  t.project = "bench";
  t.row_id = "row-" + std::to_string(id);
  t.reviewer = "a";
  t.state = core::TaskState::submitted;
  b.changes.tasks.push_back(t);
  core::ReviewRecord r;
  r.task_id = id;
  r.project = "bench";
  r.row_id = t.row_id;
  r.reviewer = "a";
  r.labels["intent"] = "question";
  r.label_status["intent"] = core::LabelStatus::confirmed;
  r.comment = "fine";
  b.changes.reviews.push_back(r);
  core::RowStateRecord s;
  s.project = "bench";
  s.row_id = t.row_id;
  s.stage = 1;
  b.changes.rows.push_back(s);
  return b;
}

double run(const std::string& path, int callers, double seconds, std::uint64_t& txns) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  store::SqliteStateStore st(path);
  std::atomic<std::uint64_t> next{1}, done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto t0 = Clock::now();
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&] {
      while (!stop) {
        st.commit(submission(next++)).get();
        ++done;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double el = std::chrono::duration<double>(Clock::now() - t0).count();
  txns = st.transactions();
  return static_cast<double>(done) / el;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  const double seconds = argc > 2 ? std::stod(argv[2]) : 5.0;
  const std::string path = dir + "/bench_commit.db";
  std::uint64_t t1 = 0, t64 = 0;
  const double one = run(path, 1, seconds, t1);
  const double group = run(path, 64, seconds, t64);
  std::printf("one_txn_per_submission: %.0f submissions/s (%llu transactions)\n", one,
              static_cast<unsigned long long>(t1));
  std::printf("group_commit_64_callers: %.0f submissions/s (%llu transactions)\n", group,
              static_cast<unsigned long long>(t64));
  std::printf("ratio: %.1fx\n", group / one);
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
}
