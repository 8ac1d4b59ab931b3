#include "span_matching.hpp"

#include <algorithm>

namespace labelflow::labels::ner {
namespace {

class Matcher {
 public:
  Matcher(const std::vector<Span>& a, const std::vector<Span>& b, MatchRule rule)
      : edges_(a.size()), partner_of_b_(b.size(), kUnmatched), partner_of_a_(a.size(), kUnmatched) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (spans_match(a[i], b[j], rule)) edges_[i].push_back(j);
      }
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      visited_.assign(b.size(), false);
      augment(i);
    }
  }
  const std::vector<std::size_t>& pairs() const { return partner_of_a_; }

 private:
  // Finds an augmenting path from a[i]; depth is bounded by |a|.
  bool augment(std::size_t i) {
    for (auto j : edges_[i]) {
      if (visited_[j]) continue;
      visited_[j] = true;
      if (partner_of_b_[j] == kUnmatched || augment(partner_of_b_[j])) {
        partner_of_b_[j] = i;
        partner_of_a_[i] = j;
        return true;
      }
    }
    return false;
  }

  std::vector<std::vector<std::size_t>> edges_;
  std::vector<std::size_t> partner_of_b_;
  std::vector<std::size_t> partner_of_a_;
  std::vector<bool> visited_;
};

}  // namespace

bool spans_match(const Span& a, const Span& b, MatchRule rule) {
  if (a.type != b.type) return false;
  if (rule == MatchRule::strict) return a.start == b.start && a.end == b.end;
  return overlaps(a, b);
}

std::vector<std::size_t> matching_pairs(const std::vector<Span>& a, const std::vector<Span>& b,
                                        MatchRule rule) {
  return Matcher(a, b, rule).pairs();
}

std::size_t max_matching(const std::vector<Span>& a, const std::vector<Span>& b, MatchRule rule) {
  auto pairs = matching_pairs(a, b, rule);
  return static_cast<std::size_t>(
      std::count_if(pairs.begin(), pairs.end(), [](std::size_t j) { return j != kUnmatched; }));
}

}  // namespace labelflow::labels::ner
