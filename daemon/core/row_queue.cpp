#include "core/row_queue.hpp"

namespace labelflow::core {

void RowQueue::insert(const QueueKey& key, std::span<const RevIdx> excluded) {
  rows_.insert(key);
  for (RevIdx r : excluded) excluded_[r].insert(key);
}

void RowQueue::erase(const QueueKey& key, std::span<const RevIdx> excluded) {
  rows_.erase(key);
  for (RevIdx r : excluded) {
    auto it = excluded_.find(r);
    if (it == excluded_.end()) continue;
    it->second.erase(key);
    if (it->second.empty()) excluded_.erase(it);
  }
}

std::optional<RowQueue::Hit> RowQueue::first_for(RevIdx reviewer, std::size_t from) const {
  if (from >= rows_.size()) return std::nullopt;
  auto ex = excluded_.find(reviewer);
  std::size_t pos = from;
  if (ex != excluded_.end()) {
    const Tree& x = ex->second;
    const QueueKey start = *rows_.find_by_order(from);
    const std::size_t a = x.order_of_key(start);  // excluded rows before `from`
    // Largest j such that ranks from..from+j-1 of the queue are all excluded, i.e. the
    // excluded set's elements a..a+j-1 sit exactly at those ranks.
    std::size_t lo = 0, hi = x.size() - a;
    while (lo < hi) {
      const std::size_t mid = (lo + hi + 1) / 2;
      const QueueKey& k = *x.find_by_order(a + mid - 1);
      if (rows_.order_of_key(k) == from + mid - 1) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    pos = from + lo;
  }
  if (pos >= rows_.size()) return std::nullopt;
  return Hit{*rows_.find_by_order(pos), pos};
}

}  // namespace labelflow::core
