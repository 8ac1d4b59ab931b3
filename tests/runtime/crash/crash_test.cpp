// I7: kill -9 at random moments loses no acknowledged write and leaves nothing half-applied.
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <random>
#include <set>
#include <string>

#include "temp_dir.hpp"
#include "crash_op.hpp"
#include "store/sqlite_store.hpp"

using namespace labelflow;

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child spawn(const std::string& db, int round) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    const std::string r = std::to_string(round);
    execl(CRASH_CHILD, CRASH_CHILD, db.c_str(), r.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads ACK lines for `ms` milliseconds, then SIGKILLs the child and reads what was in the
// pipe before the kill (every ACK written was written after its commit completed).
std::set<std::uint64_t> run_and_kill(Child c, int ms) {
  std::set<std::uint64_t> acked;
  std::string buf;
  auto drain = [&](int timeout) {
    pollfd p{c.out, POLLIN, 0};
    if (poll(&p, 1, timeout) <= 0) return false;
    char tmp[4096];
    const ssize_t n = read(c.out, tmp, sizeof tmp);
    if (n <= 0) return false;
    buf.append(tmp, static_cast<std::size_t>(n));
    return true;
  };
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until) drain(5);
  kill(c.pid, SIGKILL);
  int status = 0;
  waitpid(c.pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  while (drain(0)) {
  }
  close(c.out);
  std::size_t pos = 0;
  for (std::size_t nl; (nl = buf.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    const std::string line = buf.substr(pos, nl - pos);
    if (line.rfind("ACK ", 0) == 0) acked.insert(std::stoull(line.substr(4)));
  }
  return acked;
}

}  // namespace

TEST_CASE("kill -9 at random moments loses no acknowledged operation (I7)", "[runtime][crash]") {
  testing::TempDir dir;
  const std::string db = dir.file("state.db");
  std::mt19937 rng(2024);
  std::set<std::uint64_t> all_acked;
  for (int round = 1; round <= 24; ++round) {
    // A short first wait sometimes kills it while opening or migrating.
    const auto acked = run_and_kill(spawn(db, round), static_cast<int>(20 + rng() % 400));
    all_acked.insert(acked.begin(), acked.end());
    store::SqliteStateStore st(db);
    const auto snap = st.load(crash::kProject);
    std::set<std::string> present;
    for (const auto& r : snap.rows) {
      present.insert(r.id);
      // all or nothing: the parts of one batch
      INFO(r.id);
      REQUIRE(r.state.status == core::RowStatus::final);
      REQUIRE(st.decision(crash::kProject, r.id));
      REQUIRE(st.reviews(crash::kProject, r.id).size() == 1);
    }
    for (auto op : all_acked) {
      INFO("round " << round << " op " << op);
      REQUIRE(present.count(crash::row_id(op)));
    }
  }
  REQUIRE(all_acked.size() > 100);
}
