// label_sentiment: an example label type built out of tree against the installed SDK.
//
// A label is one of the strings "positive", "neutral", "negative" (or, with
// `neutral = false`, one of "positive", "negative"). Agreement is ordinal: equal labels score 1,
// labels one step apart (positive/neutral, neutral/negative) 0.5, opposite labels 0.
#include <algorithm>
#include <cstdlib>
#include <labelflow/sdk/sdk.hpp>
#include <map>
#include <string>
#include <vector>

namespace sentiment {

class SentimentType final : public labelflow::sdk::LabelType {
 public:
  std::vector<labelflow::sdk::ConfigError> configure(const boost::json::object& options) override {
    labelflow::sdk::OptionReader reader(options);
    if (!reader.boolean("neutral").value_or(true)) classes_ = {"positive", "negative"};
    return reader.finish();
  }

  boost::json::object options() const override {
    boost::json::array classes;
    for (const auto& c : classes_) classes.emplace_back(c);
    return {{"classes", std::move(classes)}, {"neutral", classes_.size() == 3}};
  }

  std::vector<labelflow::sdk::FieldError> validate(const boost::json::value& label,
                                                   const labelflow::sdk::RowView&) const override {
    if (!label.is_string()) return {{"", "must be a string: one of " + class_list()}};
    if (position(label) < 0) {
      return {{"", "\"" + std::string(label.as_string()) + "\" is not a class; expected one of " +
                       class_list()}};
    }
    return {};
  }

  double agreement(const boost::json::value& a, const boost::json::value& b,
                   const labelflow::sdk::RowView&) const override {
    const int pa = scale(a), pb = scale(b);
    if (pa < 0 || pb < 0) return 0.0;
    return 1.0 - std::abs(pa - pb) / 2.0;
  }

  boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                          const labelflow::sdk::RowView&) const override {
    return {{"a", a}, {"b", b}, {"same", a == b}};
  }

  // percent_agreement: over items with at least two labels, the mean share of agreeing pairs.
  boost::json::object metrics(std::span<const labelflow::sdk::Judgment> judgments) const override {
    std::map<std::string, std::vector<std::string>> by_item;
    for (const auto& j : judgments) {
      if (j.label.is_string()) by_item[j.item].emplace_back(j.label.as_string());
    }
    double sum = 0.0;
    std::size_t items = 0;
    for (const auto& [item, labels] : by_item) {
      if (labels.size() < 2) continue;
      std::size_t agree = 0, pairs = 0;
      for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t k = i + 1; k < labels.size(); ++k, ++pairs)
          agree += labels[i] == labels[k];
      }
      sum += static_cast<double>(agree) / static_cast<double>(pairs);
      ++items;
    }
    boost::json::object out{
        {"n_items", items}, {"percent_agreement", nullptr}, {"notes", boost::json::object()}};
    if (items > 0) {
      out["percent_agreement"] = sum / static_cast<double>(items);
    } else {
      out["notes"].as_object()["percent_agreement"] = "no item has two or more labels";
    }
    return out;
  }

  std::vector<std::string> consolidation_methods() const override { return {"majority-vote"}; }

  // Majority vote per item; a tie goes to the class listed first.
  labelflow::sdk::Result<std::vector<labelflow::sdk::Consolidated>> consolidate(
      std::span<const labelflow::sdk::Judgment> judgments, std::string_view method) const override {
    if (method != "majority-vote") {
      return labelflow::sdk::Status::invalid("unknown consolidation method '" +
                                             std::string(method) + "'; expected majority-vote");
    }
    std::vector<std::string> order;
    std::map<std::string, std::vector<int>> votes;
    for (const auto& j : judgments) {
      auto [it, fresh] = votes.try_emplace(j.item, std::vector<int>(classes_.size(), 0));
      if (fresh) order.push_back(j.item);
      if (int p = position(j.label); p >= 0) ++it->second[static_cast<std::size_t>(p)];
    }
    std::vector<labelflow::sdk::Consolidated> out;
    for (const auto& item : order) {
      const auto& v = votes[item];
      auto best = std::max_element(v.begin(), v.end()) - v.begin();  // first of equal maxima
      boost::json::value label = nullptr;
      if (v[static_cast<std::size_t>(best)] > 0) label = classes_[static_cast<std::size_t>(best)];
      out.push_back({item, std::move(label), nullptr});
    }
    return out;
  }

  std::string widget() const override { return "sentiment.widget.js"; }

 private:
  int position(const boost::json::value& label) const {
    if (!label.is_string()) return -1;
    auto it = std::find(classes_.begin(), classes_.end(), label.as_string());
    return it == classes_.end() ? -1 : static_cast<int>(it - classes_.begin());
  }

  // Place on the positive(0) .. negative(2) scale, whatever the configured classes.
  static int scale(const boost::json::value& label) {
    if (!label.is_string()) return -1;
    if (label.as_string() == "positive") return 0;
    if (label.as_string() == "neutral") return 1;
    if (label.as_string() == "negative") return 2;
    return -1;
  }

  std::string class_list() const {
    std::string out;
    for (const auto& c : classes_) out += (out.empty() ? "" : ", ") + c;
    return out;
  }

  std::vector<std::string> classes_{"positive", "neutral", "negative"};
};

}  // namespace sentiment

LABELFLOW_PLUGIN(sentiment::SentimentType, "sentiment", "1.0.0")
