// A label type whose constructor throws: create must report the message, not crash.
#include "simple_label.hpp"

namespace loader_test {

class ThrowsInConstructor final : public SimpleLabel {
 public:
  ThrowsInConstructor() {
    throw std::runtime_error("cannot open model file /nonexistent/model.bin");
  }
};

}  // namespace loader_test

LABELFLOW_PLUGIN(loader_test::ThrowsInConstructor, "throws_create", "0.0.1")
