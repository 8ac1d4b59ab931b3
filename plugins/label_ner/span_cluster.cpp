#include "span_cluster.hpp"

#include "coded_data.hpp"
#include "spans.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace labelflow::labels::ner {
namespace {

struct Marked {
  Span span;
  std::uint32_t rater;
};

// The most frequent key; ties to the smallest key (std::map iterates in ascending order).
template <class Key>
Key mode(const std::map<Key, std::size_t>& counts) {
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  return best->first;
}

std::optional<Span> consolidate_group(const NerOptions& options,
                                      const std::vector<Marked>& group, std::size_t n_raters) {
  std::set<std::uint32_t> supporters;
  for (const auto& m : group) supporters.insert(m.rater);
  if (supporters.size() * 2 <= n_raters) return std::nullopt;
  std::vector<std::size_t> type_votes(options.entity_types.size(), 0);
  for (const auto& m : group) ++type_votes[m.span.type];
  auto type = static_cast<std::uint32_t>(
      std::max_element(type_votes.begin(), type_votes.end()) - type_votes.begin());
  std::map<std::int64_t, std::size_t> starts, ends;
  std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> pairs;
  for (const auto& m : group) {
    if (m.span.type != type) continue;
    ++starts[m.span.start];
    ++ends[m.span.end];
    ++pairs[{m.span.start, m.span.end}];
  }
  Span out{mode(starts), mode(ends), type};
  if (out.start >= out.end) std::tie(out.start, out.end) = mode(pairs);
  return out;
}

}  // namespace

std::vector<sdk::Consolidated> span_cluster(const NerOptions& options,
                                            std::span<const sdk::Judgment> judgments) {
  Interner items, raters;
  // labels[item]: rater -> spans (the rater's last label of the item)
  std::vector<std::map<std::uint32_t, std::vector<Span>>> labels;
  for (const auto& j : judgments) {
    auto spans = decode_spans_or_throw(options, j.label,
                                       "item \"" + j.item + "\", rater \"" + j.rater + "\"");
    auto i = items.id(j.item);
    if (i >= labels.size()) labels.resize(i + 1);
    labels[i][raters.id(j.rater)] = std::move(spans);
  }
  std::vector<sdk::Consolidated> out;
  out.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::vector<Marked> marked;
    for (const auto& [rater, spans] : labels[i]) {
      for (const auto& s : spans) marked.push_back({s, rater});
    }
    std::sort(marked.begin(), marked.end(),
              [](const Marked& a, const Marked& b) { return a.span < b.span; });
    std::vector<Span> result;
    std::vector<Marked> group;
    std::int64_t group_end = 0;
    auto flush = [&] {
      if (group.empty()) return;
      if (auto s = consolidate_group(options, group, labels[i].size())) result.push_back(*s);
      group.clear();
    };
    for (const auto& m : marked) {
      if (!group.empty() && m.span.start >= group_end) flush();
      group_end = group.empty() ? m.span.end : std::max(group_end, m.span.end);
      group.push_back(m);
    }
    flush();
    out.push_back({items.names()[i], spans_json(options, result), nullptr});
  }
  return out;
}

}  // namespace labelflow::labels::ner
