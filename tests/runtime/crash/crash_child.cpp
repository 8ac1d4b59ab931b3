// crash_child DB ROUND: commits operations from 4 threads through SqliteStateStore and prints
// "ACK <op>" on stdout after each one is durable, until killed.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "crash_op.hpp"
#include "store/sqlite_store.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_child DB ROUND\n");
    return 2;
  }
  using namespace labelflow;
  store::SqliteStateStore st(argv[1]);
  const std::uint64_t round = std::strtoull(argv[2], nullptr, 10);
  std::mutex out_mu;
  std::vector<std::thread> threads;
  for (std::uint64_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::uint64_t i = 0;; ++i) {
        const std::uint64_t op = round * 100'000'000 + t * 10'000'000 + i + 1;
        st.commit(crash::make_op(op)).get();
        std::lock_guard lock(out_mu);
        std::printf("ACK %llu\n", static_cast<unsigned long long>(op));
        std::fflush(stdout);
      }
    });
  }
  for (auto& th : threads) th.join();
}
