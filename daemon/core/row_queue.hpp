// RowQueue: rows waiting for a reviewer in one (stage, expertise) partition, ordered by
// priority (higher first) then import order, with a per-reviewer set of rows that reviewer may
// not take (already on the row, skipped it, released it). Finding the first row a reviewer may
// take costs O(log^2 n) however many excluded rows sit at the head: a reviewer who reviewed
// thousands of rows now queued for QA does not make next-task O(n).
//
// Both the queue and the exclusion sets are order-statistic trees; since every exclusion set
// is a subset of the queue in the same order, the longest excluded run at a position is found
// by binary search on ranks.
#pragma once

#include <cstdint>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <functional>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>

namespace labelflow::core {

using RowIdx = std::uint32_t;
using RevIdx = std::uint16_t;
// (negated priority, import index): the natural order is the offering order.
using QueueKey = std::pair<std::int64_t, RowIdx>;

class RowQueue {
 public:
  struct Hit {
    QueueKey key;
    std::size_t position;
  };

  // REQUIRES: key not present. `excluded` lists reviewers that may not take this row.
  void insert(const QueueKey& key, std::span<const RevIdx> excluded);
  // REQUIRES: `excluded` equal to what insert() was given for this key.
  void erase(const QueueKey& key, std::span<const RevIdx> excluded);
  // The first row at rank >= from that `reviewer` is not excluded from.
  std::optional<Hit> first_for(RevIdx reviewer, std::size_t from) const;
  std::size_t size() const { return rows_.size(); }

 private:
  using Tree =
      __gnu_pbds::tree<QueueKey, __gnu_pbds::null_type, std::less<QueueKey>,
                       __gnu_pbds::rb_tree_tag, __gnu_pbds::tree_order_statistics_node_update>;
  Tree rows_;
  std::unordered_map<RevIdx, Tree> excluded_;
};

}  // namespace labelflow::core
