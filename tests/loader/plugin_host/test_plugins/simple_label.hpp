// SimpleLabel: a small, complete label type used by the loader tests. Its agreement() has a
// test hook: a numeric first label is returned as the score and "nan" gives NaN, so the tests
// can check how the daemon clamps and refuses bad scores.
#pragma once

#include <labelflow/sdk/sdk.hpp>
#include <limits>
#include <stdexcept>

namespace loader_test {

class SimpleLabel : public labelflow::sdk::LabelType {
 public:
  std::vector<labelflow::sdk::ConfigError> configure(const boost::json::object& options) override {
    labelflow::sdk::OptionReader reader(options);
    if (auto classes = reader.string_list("classes")) classes_ = *classes;
    if (reader.boolean("explode").value_or(false)) {
      throw std::runtime_error("configure exploded on request");
    }
    return reader.finish();
  }

  boost::json::object options() const override {
    boost::json::array classes;
    for (const auto& c : classes_) classes.emplace_back(c);
    return {{"classes", std::move(classes)}};
  }

  std::vector<labelflow::sdk::FieldError> validate(const boost::json::value& label,
                                                   const labelflow::sdk::RowView&) const override {
    if (label.is_string()) {
      for (const auto& c : classes_) {
        if (label.as_string() == c) return {};
      }
    }
    return {{"", "must be one of the classes"}};
  }

  double agreement(const boost::json::value& a, const boost::json::value& b,
                   const labelflow::sdk::RowView&) const override {
    if (a.is_double()) return a.as_double();
    if (a.is_string() && a.as_string() == "nan") return std::numeric_limits<double>::quiet_NaN();
    return a == b ? 1.0 : 0.0;
  }

  boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                          const labelflow::sdk::RowView&) const override {
    return {{"same", a == b}};
  }

  boost::json::object metrics(std::span<const labelflow::sdk::Judgment> judgments) const override {
    return {{"n_judgments", judgments.size()}};
  }

  std::vector<std::string> consolidation_methods() const override { return {"first"}; }

  labelflow::sdk::Result<std::vector<labelflow::sdk::Consolidated>> consolidate(
      std::span<const labelflow::sdk::Judgment> judgments, std::string_view method) const override {
    if (method != "first") {
      return labelflow::sdk::Status::invalid("unknown method '" + std::string(method) + "'");
    }
    std::vector<labelflow::sdk::Consolidated> out;
    for (const auto& j : judgments) {
      bool seen = false;
      for (const auto& c : out) seen = seen || c.item == j.item;
      if (!seen) out.push_back({j.item, j.label, nullptr});
    }
    return out;
  }

  std::string widget() const override {
#ifdef TEST_PLUGIN_WIDGET
    return TEST_PLUGIN_WIDGET;
#else
    return {};
#endif
  }

 private:
  std::vector<std::string> classes_{"yes", "no"};
};

}  // namespace loader_test
