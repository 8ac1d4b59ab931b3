#include "ner_metrics.hpp"

#include "coded_data.hpp"
#include "metric_object.hpp"
#include "span_matching.hpp"

#include <string>
#include <vector>

namespace labelflow::labels::ner {
namespace {

// labels[item][rater] = spans (empty optional: the rater did not label the item).
using Table = std::vector<std::vector<std::optional<std::vector<Span>>>>;

struct Counts {
  double tp = 0, reference = 0, predicted = 0;
};

struct Mean {
  double sum = 0;
  std::size_t n = 0;
  void add(const Stat& s) {
    if (s.value) sum += *s.value, ++n;
  }
};

boost::json::object scores(const std::vector<Counts>& pairs, std::size_t n_raters) {
  MetricObject out;
  if (n_raters < 2) {
    const std::string why = "needs labels from at least two raters; found " +
                            std::to_string(n_raters);
    for (const char* key : {"precision", "recall", "f1"}) out.put_null(key, why);
    return std::move(out).finish();
  }
  Mean precision, recall, f1;
  for (const auto& c : pairs) {
    precision.add(c.predicted > 0 ? Stat::of(c.tp / c.predicted) : Stat{});
    recall.add(c.reference > 0 ? Stat::of(c.tp / c.reference) : Stat{});
    double both = c.reference + c.predicted;
    f1.add(both > 0 ? Stat::of(2 * c.tp / both) : Stat{});
  }
  auto put = [&](const char* key, const Mean& m, const char* why) {
    if (m.n == 0) return out.put_null(key, why);
    out.put(key, Stat::of(m.sum / static_cast<double>(m.n)));
  };
  const bool several = pairs.size() > 1;
  put("precision", precision,
      several ? "no rater pair where the compared rater marked any span"
              : "the second rater marked no span (0/0)");
  put("recall", recall,
      several ? "no rater pair where the reference rater marked any span"
              : "the reference (first) rater marked no span (0/0)");
  put("f1", f1, "neither rater marked any span");
  return std::move(out).finish();
}

}  // namespace

boost::json::object compute_metrics(const NerOptions& options,
                                    std::span<const sdk::Judgment> judgments) {
  Interner items, raters;
  Table table;
  for (const auto& j : judgments) {
    auto spans = decode_spans_or_throw(options, j.label,
                                       "item \"" + j.item + "\", rater \"" + j.rater + "\"");
    auto i = items.id(j.item);
    auto r = raters.id(j.rater);
    if (i >= table.size()) table.resize(i + 1);
    if (r >= table[i].size()) table[i].resize(r + 1);
    table[i][r] = std::move(spans);
  }
  const std::size_t n_raters = raters.size();
  std::vector<Counts> strict, overlap;
  const std::vector<Span> none;
  for (std::size_t a = 0; a < n_raters; ++a) {
    for (std::size_t b = a + 1; b < n_raters; ++b) {
      Counts s, o;
      for (const auto& row : table) {
        const auto& ref = a < row.size() && row[a] ? *row[a] : none;
        const auto& other = b < row.size() && row[b] ? *row[b] : none;
        s.reference += static_cast<double>(ref.size());
        s.predicted += static_cast<double>(other.size());
        s.tp += static_cast<double>(max_matching(ref, other, MatchRule::strict));
        o.tp += static_cast<double>(max_matching(ref, other, MatchRule::overlap));
      }
      o.reference = s.reference;
      o.predicted = s.predicted;
      strict.push_back(s);
      overlap.push_back(o);
    }
  }
  MetricObject out;
  out.put_count("n_items", items.size());
  out.put_count("n_raters", n_raters);
  out.put("strict", scores(strict, n_raters));
  out.put("overlap", scores(overlap, n_raters));
  return std::move(out).finish();
}

}  // namespace labelflow::labels::ner
