// GroupWriter: the single writer thread behind group commit. Callers enqueue work items; the
// thread takes everything pending, applies it in ONE transaction, commits (durable: WAL +
// synchronous=FULL), then completes the items in order. A failed transaction is fail-stop: the
// fatal handler runs and no completion of that group or later ones is ever called.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace labelflow::store {

using FatalHandler = std::function<void(const std::string& message)>;
// Logs "labelflowd: fatal: <message>" to stderr and aborts.
void default_fatal(const std::string& message);

class GroupWriter {
 public:
  struct Item {
    std::function<void()> apply;     // runs inside the transaction; throws on failure
    std::function<void()> complete;  // runs after COMMIT
  };
  // begin/commit/rollback run the transaction; `max_group` bounds one transaction's items.
  // `on_group` (optional) gets the number of items of each committed transaction.
  GroupWriter(std::function<void()> begin, std::function<void()> commit,
              std::function<void()> rollback, FatalHandler fatal, std::size_t max_group = 4096,
              std::function<void(std::size_t)> on_group = {});
  ~GroupWriter();  // drains what is queued, then joins
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  void enqueue(Item item);
  std::uint64_t transactions() const;  // committed so far (for benchmarks and /metrics)
  std::uint64_t items() const;         // work items committed so far

 private:
  void run();

  std::function<void()> begin_, commit_, rollback_;
  FatalHandler fatal_;
  std::size_t max_group_;
  std::function<void(std::size_t)> on_group_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> pending_;
  bool stop_ = false;
  bool failed_ = false;
  std::uint64_t transactions_ = 0;
  std::uint64_t items_ = 0;
  std::thread thread_;
};

}  // namespace labelflow::store
