// Maximum one-to-one matching between two span lists, so that a span never counts twice.
#pragma once

#include "spans.hpp"

#include <cstddef>
#include <vector>

namespace labelflow::labels::ner {

enum class MatchRule {
  strict,   // start, end and type equal
  overlap,  // same type and at least one code point in common
};

bool spans_match(const Span& a, const Span& b, MatchRule rule);

// Size of a maximum matching between `a` and `b` under `rule` (augmenting paths, Kuhn's
// algorithm: exact, O(|a| * edges), ample for the spans of one text).
std::size_t max_matching(const std::vector<Span>& a, const std::vector<Span>& b, MatchRule rule);

// For each span of `a`, the index of its partner in `b` in one maximum matching, or npos.
std::vector<std::size_t> matching_pairs(const std::vector<Span>& a, const std::vector<Span>& b,
                                        MatchRule rule);

inline constexpr std::size_t kUnmatched = static_cast<std::size_t>(-1);

}  // namespace labelflow::labels::ner
