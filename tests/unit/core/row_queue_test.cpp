#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "core/row_queue.hpp"

using namespace labelflow::core;

TEST_CASE("RowQueue::first_for matches a brute-force scan", "[core][queue]") {
  std::mt19937 rng(7);
  RowQueue q;
  std::set<QueueKey> rows;
  std::map<QueueKey, std::vector<RevIdx>> ex;
  for (RowIdx i = 0; i < 400; ++i) {
    QueueKey k{-static_cast<std::int64_t>(rng() % 5), i};
    std::vector<RevIdx> e;
    for (RevIdx r = 0; r < 4; ++r) {
      if (rng() % 3 != 0) e.push_back(r);  // most rows exclude most reviewers
    }
    q.insert(k, e);
    rows.insert(k);
    ex[k] = e;
  }
  for (int round = 0; round < 200; ++round) {
    // erase a random row now and then
    if (round % 3 == 0) {
      auto it = rows.begin();
      std::advance(it, rng() % rows.size());
      q.erase(*it, ex[*it]);
      ex.erase(*it);
      rows.erase(it);
    }
    const RevIdx r = static_cast<RevIdx>(rng() % 5);  // 4 never excluded
    const std::size_t from = rng() % (rows.size() + 2);
    std::optional<QueueKey> expect;
    std::size_t pos = 0;
    for (const auto& k : rows) {
      if (pos++ < from) continue;
      const auto& e = ex[k];
      if (std::find(e.begin(), e.end(), r) == e.end()) {
        expect = k;
        break;
      }
    }
    auto hit = q.first_for(r, from);
    REQUIRE(hit.has_value() == expect.has_value());
    if (hit) {
      REQUIRE(hit->key == *expect);
      REQUIRE(hit->position ==
              static_cast<std::size_t>(std::distance(rows.begin(), rows.find(*expect))));
    }
  }
  REQUIRE(q.size() == rows.size());
}
