// A label type whose validate throws a std::exception and whose agreement throws something
// else: each must become an error for that one call.
#include "simple_label.hpp"

namespace loader_test {

class ThrowingLabel final : public SimpleLabel {
 public:
  std::vector<labelflow::sdk::FieldError> validate(const boost::json::value&,
                                                   const labelflow::sdk::RowView&) const override {
    throw std::runtime_error("validate exploded");
  }
  double agreement(const boost::json::value&, const boost::json::value&,
                   const labelflow::sdk::RowView&) const override {
    throw 42;
  }
};

}  // namespace loader_test

LABELFLOW_PLUGIN(loader_test::ThrowingLabel, "throwing", "0.0.1")
