// LabelOracle: label semantics as the engine needs them, injected so the core stays free of
// plugins. The daemon implements it over the plugin host's GuardedLabelType; tests and the
// simulation use ExactLabelOracle. Values passed are valid labels or null (label missing).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/row.hpp"

namespace labelflow::core {

class LabelOracle {
 public:
  virtual ~LabelOracle() = default;
  // Agreement of two values of label `label` on `row`, in [0, 1].
  virtual double agreement(std::string_view label, const boost::json::value& a,
                           const boost::json::value& b, const RowContent& row) const = 0;
  // Same meaning (decides confirmed vs corrected, and I4's "differs from every expert").
  virtual bool equal(std::string_view label, const boost::json::value& a,
                     const boost::json::value& b, const RowContent& row) const = 0;
};

// JSON equality: agreement 1 when equal, else 0.
class ExactLabelOracle final : public LabelOracle {
 public:
  double agreement(std::string_view, const boost::json::value& a, const boost::json::value& b,
                   const RowContent&) const override {
    return a == b ? 1.0 : 0.0;
  }
  bool equal(std::string_view, const boost::json::value& a, const boost::json::value& b,
             const RowContent&) const override {
    return a == b;
  }
};

}  // namespace labelflow::core
