#include "store/group_writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

namespace labelflow::store {

void default_fatal(const std::string& message) {
  std::fprintf(stderr, "labelflowd: fatal: %s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

GroupWriter::GroupWriter(std::function<void()> begin, std::function<void()> commit,
                         std::function<void()> rollback, FatalHandler fatal, std::size_t max_group,
                         std::function<void(std::size_t)> on_group)
    : begin_(std::move(begin)),
      commit_(std::move(commit)),
      rollback_(std::move(rollback)),
      fatal_(fatal ? std::move(fatal) : FatalHandler(default_fatal)),
      max_group_(max_group),
      on_group_(std::move(on_group)),
      thread_([this] { run(); }) {}

GroupWriter::~GroupWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void GroupWriter::enqueue(Item item) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back(std::move(item));
  }
  cv_.notify_one();
}

std::uint64_t GroupWriter::transactions() const {
  std::lock_guard lock(mu_);
  return transactions_;
}

std::uint64_t GroupWriter::items() const {
  std::lock_guard lock(mu_);
  return items_;
}

void GroupWriter::run() {
  std::vector<Item> group;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
      if (pending_.empty() || failed_) return;  // stop requested and drained (or dead)
      const std::size_t n = std::min(max_group_, pending_.size());
      group.assign(std::make_move_iterator(pending_.begin()),
                   std::make_move_iterator(pending_.begin() + static_cast<long>(n)));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(n));
    }
    try {
      begin_();
      for (auto& item : group) item.apply();
      commit_();
    } catch (const std::exception& e) {
      {
        std::lock_guard lock(mu_);
        failed_ = true;
      }
      try {
        rollback_();
      } catch (...) {  // the handler below stops the process anyway
      }
      // Fail-stop: nothing of this group is acknowledged, and nothing after it is attempted.
      fatal_(std::string("state commit failed, stopping rather than serve unpersisted state: ") +
             e.what());
      return;
    }
    {
      std::lock_guard lock(mu_);
      ++transactions_;
      items_ += group.size();
    }
    if (on_group_) on_group_(group.size());
    for (auto& item : group) {
      if (item.complete) item.complete();
    }
    group.clear();
  }
}

}  // namespace labelflow::store
