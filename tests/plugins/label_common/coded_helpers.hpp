// Builders of CodedData for the statistics tests.
#pragma once

#include "coded_data.hpp"

#include <string>
#include <vector>

namespace labelflow::labels::testing {

inline constexpr int kMissing = -1;

// rows = raters, columns = items; kMissing = not rated. Categories are the values minus
// `base` (so data coded 1..5 with base 1 become categories 0..4).
inline CodedData from_matrix(const std::vector<std::vector<int>>& by_rater,
                             std::size_t n_categories, int base = 0) {
  CodedDataBuilder b(n_categories, /*last_wins=*/true);
  const std::size_t n_items = by_rater.empty() ? 0 : by_rater[0].size();
  for (std::size_t i = 0; i < n_items; ++i) {
    b.add_item("i" + std::to_string(i));
    for (std::size_t r = 0; r < by_rater.size(); ++r) {
      int v = by_rater[r][i];
      if (v == kMissing) continue;
      b.add("i" + std::to_string(i), "r" + std::to_string(r),
            static_cast<std::uint32_t>(v - base));
    }
  }
  return std::move(b).finish();
}

// A KxK contingency table of raters A (rows) and B (columns): one item per count.
inline CodedData from_table(const std::vector<std::vector<int>>& table) {
  CodedDataBuilder b(table.size(), true);
  int item = 0;
  for (std::size_t a = 0; a < table.size(); ++a) {
    for (std::size_t c = 0; c < table[a].size(); ++c) {
      for (int n = 0; n < table[a][c]; ++n, ++item) {
        b.add(std::to_string(item), "A", static_cast<std::uint32_t>(a));
        b.add(std::to_string(item), "B", static_cast<std::uint32_t>(c));
      }
    }
  }
  return std::move(b).finish();
}

// Items given as category counts (Fleiss' layout); raters are numbered within each item.
inline CodedData from_counts(const std::vector<std::vector<int>>& counts) {
  CodedDataBuilder b(counts.empty() ? 0 : counts[0].size(), true);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    int rater = 0;
    for (std::size_t c = 0; c < counts[i].size(); ++c) {
      for (int n = 0; n < counts[i][c]; ++n) {
        b.add(std::to_string(i), "r" + std::to_string(rater++), static_cast<std::uint32_t>(c));
      }
    }
  }
  return std::move(b).finish();
}

}  // namespace labelflow::labels::testing
