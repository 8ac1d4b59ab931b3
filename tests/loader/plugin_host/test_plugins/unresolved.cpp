// A well-formed plugin that calls a function no library defines. A MODULE may link with
// undefined symbols; dlopen with RTLD_NOW then refuses it, and dlerror names the symbol.
#include "simple_label.hpp"

extern "C" int labelflow_test_missing_symbol();

namespace loader_test {

class Unresolved final : public SimpleLabel {
 public:
  Unresolved() { (void)labelflow_test_missing_symbol(); }
};

}  // namespace loader_test

LABELFLOW_PLUGIN(loader_test::Unresolved, "unresolved", "0.0.1")
