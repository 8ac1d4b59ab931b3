#include "cli/inferred_options.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <vector>

namespace labelflow::cli {
namespace {

// The plugins refuse an empty class or type list; with nothing observed (no judgments, or only
// labels of the wrong shape, which validation then reports by line) one stand-in name keeps the
// options valid. It never shows in metrics of single-class labels or NER.
constexpr std::string_view kNoneObserved = "(none observed)";

void add_name(boost::json::array& names, std::set<std::string>& seen, std::string_view name) {
  if (seen.insert(std::string(name)).second) names.emplace_back(name);
}

boost::json::object classification(std::span<const sdk::Judgment> judgments) {
  boost::json::array classes;
  std::set<std::string> seen;
  bool multi = false;
  for (const auto& j : judgments) {
    if (j.label.is_string()) add_name(classes, seen, j.label.as_string());
    if (!j.label.is_array()) continue;
    multi = true;
    for (const auto& c : j.label.as_array()) {
      if (c.is_string()) add_name(classes, seen, c.as_string());
    }
  }
  if (classes.empty()) classes.emplace_back(kNoneObserved);
  return {{"classes", std::move(classes)}, {"multi", multi}};
}

boost::json::object ner(std::span<const sdk::Judgment> judgments) {
  boost::json::array types;
  std::set<std::string> seen;
  for (const auto& j : judgments) {
    if (!j.label.is_array()) continue;
    for (const auto& span : j.label.as_array()) {
      if (!span.is_object()) continue;
      auto type = span.as_object().find("type");
      if (type != span.as_object().end() && type->value().is_string()) {
        add_name(types, seen, type->value().as_string());
      }
    }
  }
  if (types.empty()) types.emplace_back(kNoneObserved);
  return {{"entity_types", std::move(types)}};
}

std::optional<double> number(const boost::json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return std::nullopt;
}

// The largest step dividing every difference, for values with at most 6 decimals.
double common_step(const std::vector<double>& sorted) {
  double scale = 1;
  auto whole = [&](double v) { return std::abs(v * scale - std::round(v * scale)) < 1e-6; };
  while (scale < 1e6 && !std::all_of(sorted.begin(), sorted.end(), whole)) scale *= 10;
  std::int64_t g = 0;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    g = std::gcd(g, std::llround((sorted[i] - sorted[0]) * scale));
  }
  return g == 0 ? 1.0 : static_cast<double>(g) / scale;
}

boost::json::object rating(std::span<const sdk::Judgment> judgments) {
  std::vector<double> values;
  boost::json::array dimensions;
  std::set<std::string> seen;
  for (const auto& j : judgments) {
    if (auto n = number(j.label)) values.push_back(*n);
    if (!j.label.is_object()) continue;
    for (const auto& kv : j.label.as_object()) {
      add_name(dimensions, seen, kv.key());
      if (auto n = number(kv.value())) values.push_back(*n);
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  boost::json::object out;
  if (values.empty()) {
    out = {{"min", 0}, {"max", 1}, {"step", 1}};
  } else if (values.size() == 1) {
    out = {{"min", values[0]}, {"max", values[0] + 1}, {"step", 1}};
  } else {
    out = {{"min", values.front()}, {"max", values.back()}, {"step", common_step(values)}};
  }
  if (!dimensions.empty()) out["dimensions"] = std::move(dimensions);
  return out;
}

}  // namespace

boost::json::object infer_options(std::string_view type,
                                  std::span<const sdk::Judgment> judgments) {
  if (type == "classification") return classification(judgments);
  if (type == "rating") return rating(judgments);
  if (type == "ner") return ner(judgments);
  return {};
}

}  // namespace labelflow::cli
