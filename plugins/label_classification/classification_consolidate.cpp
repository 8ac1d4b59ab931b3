#include "classification_consolidate.hpp"

#include "classification_value.hpp"
#include "coded_data.hpp"
#include "dawid_skene.hpp"

#include <string>

namespace labelflow::labels::classification {
namespace {

struct Coded {
  std::vector<std::string> items;
  CodedData whole;                   // single-class: class index
  std::vector<CodedData> per_class;  // multi-class: 1 = present, 0 = absent
};

Coded code(const ClassificationOptions& options, std::span<const sdk::Judgment> judgments) {
  const std::size_t k = options.classes.size();
  CodedDataBuilder whole(k, /*last_wins=*/false);
  std::vector<CodedDataBuilder> per_class;
  if (options.multi) {
    for (std::size_t c = 0; c < k; ++c) per_class.emplace_back(2, false);
  }
  for (const auto& j : judgments) {
    auto classes = decode_or_throw(options, j.label,
                                   "item \"" + j.item + "\", rater \"" + j.rater + "\"");
    if (!options.multi) {
      whole.add(j.item, j.rater, classes[0]);
      continue;
    }
    whole.add_item(j.item);
    std::vector<bool> present(k, false);
    for (auto c : classes) present[c] = true;
    for (std::size_t c = 0; c < k; ++c) per_class[c].add(j.item, j.rater, present[c] ? 1 : 0);
  }
  Coded out;
  out.items = whole.items().names();
  out.whole = std::move(whole).finish();
  for (auto& b : per_class) out.per_class.push_back(std::move(b).finish());
  return out;
}

std::vector<double> vote_counts(const std::vector<Rating>& unit, std::size_t k) {
  std::vector<double> votes(k, 0.0);
  for (const auto& r : unit) votes[r.category] += 1;
  return votes;
}

}  // namespace

sdk::Result<std::vector<sdk::Consolidated>> consolidate_labels(
    const ClassificationOptions& options, std::span<const sdk::Judgment> judgments,
    std::string_view method) {
  if (method != kMajorityVote && method != kDawidSkene) {
    return sdk::Status::invalid("unknown consolidation method '" + std::string(method) +
                                "' for classification; expected majority-vote or dawid-skene");
  }
  const bool ds = method == kDawidSkene;
  Coded coded = code(options, judgments);
  const std::size_t n = coded.items.size();
  std::vector<sdk::Consolidated> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i].item = coded.items[i];

  if (!options.multi) {
    if (!ds) {
      for (std::size_t i = 0; i < n; ++i) {
        auto best = argmax_first(vote_counts(coded.whole.units[i], options.classes.size()));
        out[i].label = encode(options, {static_cast<std::uint32_t>(best)});
      }
      return out;
    }
    auto fit = dawid_skene(coded.whole);
    for (std::size_t i = 0; i < n; ++i) {
      auto best = argmax_first(fit.posterior[i]);
      out[i].label = encode(options, {static_cast<std::uint32_t>(best)});
      boost::json::object posterior;
      for (std::size_t c = 0; c < options.classes.size(); ++c) {
        posterior[options.classes[c]] = fit.posterior[i][c];
      }
      out[i].posterior = std::move(posterior);
    }
    return out;
  }

  std::vector<std::vector<std::uint32_t>> chosen(n);
  std::vector<boost::json::object> posterior(n);
  for (std::size_t c = 0; c < options.classes.size(); ++c) {
    const auto& data = coded.per_class[c];
    if (!ds) {
      for (std::size_t i = 0; i < n; ++i) {
        auto votes = vote_counts(data.units[i], 2);
        if (votes[1] > votes[0]) chosen[i].push_back(static_cast<std::uint32_t>(c));
      }
      continue;
    }
    auto fit = dawid_skene(data);
    for (std::size_t i = 0; i < n; ++i) {
      double present = fit.posterior[i][1];
      if (present > 0.5) chosen[i].push_back(static_cast<std::uint32_t>(c));
      posterior[i][options.classes[c]] = present;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    out[i].label = encode(options, chosen[i]);
    if (ds) out[i].posterior = std::move(posterior[i]);
  }
  return out;
}

}  // namespace labelflow::labels::classification
