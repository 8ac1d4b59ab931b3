// sdk_example_check PLUGIN_DIR: loads every plugin in PLUGIN_DIR with the daemon's registry and
// checks that the example `sentiment` label type is there and behaves. Exit 0 when all checks
// pass; otherwise prints each failed check and exits 1.
#include <cstdio>
#include <string>

#include "plugin_host/registry.hpp"

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using labelflow::plugin_host::Registry;
  if (argc != 2) {
    std::fprintf(stderr, "usage: sdk_example_check PLUGIN_DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  Registry registry;
  for (const auto& e : registry.load_directories({dir})) {
    check(false, "load: " + e.to_string());
  }
  const auto* d = registry.find(labelflow::sdk::PluginKind::label_type, "sentiment");
  check(d != nullptr, "a label_type named 'sentiment' is registered");
  if (d == nullptr) return 1;
  std::printf("%s\n", d->list_line().c_str());
  check(d->widget_path == dir / "sentiment.widget.js", "widget found beside the library");

  auto refused = registry.create_label_type("sentiment", boost::json::object{{"colour", 1}});
  check(!refused.ok() && refused.option_errors.size() == 1 &&
            refused.option_errors[0].key == "colour",
        "an unknown option is refused by name");

  auto created = registry.create_label_type("sentiment", boost::json::object{});
  check(created.ok(), "created with default options");
  if (!created.ok()) return 1;
  const auto& label = *created.object;
  const boost::json::object metadata;
  const labelflow::sdk::RowView row{"r-1", "", "", "I loved it", &metadata};

  auto good = label.validate("positive", row);
  check(good.is_ok() && good->empty(), "\"positive\" is valid");
  auto bad = label.validate("happy", row);
  check(bad.is_ok() && bad->size() == 1 &&
            (*bad)[0].message ==
                "\"happy\" is not a class; expected one of positive, neutral, "
                "negative",
        "\"happy\" is refused with the list of classes");
  auto half = label.agreement("positive", "neutral", row);
  check(half.is_ok() && *half == 0.5, "positive vs neutral agree 0.5");
  auto none = label.agreement("positive", "negative", row);
  check(none.is_ok() && *none == 0.0, "positive vs negative agree 0");

  std::vector<labelflow::sdk::Judgment> judgments = {
      {"i1", "a", "negative"}, {"i1", "b", "positive"}, {"i2", "a", "neutral"}};
  auto consolidated = label.consolidate(judgments, "majority-vote");
  check(consolidated.is_ok() && consolidated->size() == 2 &&
            (*consolidated)[0].label == "positive" && (*consolidated)[1].label == "neutral",
        "majority vote with ties to the first class");

  if (failures == 0) std::printf("sdk example: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
