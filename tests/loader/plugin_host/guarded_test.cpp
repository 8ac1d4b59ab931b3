// Guarded wrappers over real plugin objects: exceptions become per-call errors, counted and
// logged; contract violations (NaN, out-of-range agreement) are caught too.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "plugin_host/registry.hpp"
#include "helpers.hpp"

using labelflow::plugin_host::plugin_error_count;
using labelflow::plugin_host::Registry;
using labelflow::sdk::Code;
using namespace loader_test;

namespace {

const boost::json::object kNoOptions;
const boost::json::object kMetadata;
const labelflow::sdk::RowView kRow{"r-1", "ctx", "q", "resp", &kMetadata};

struct Loaded {
  Loaded() { registry.load_directories({kPluginDir}); }
  Registry registry;
};

}  // namespace

TEST_CASE("an exception in a plugin method fails that call only", "[guarded]") {
  Loaded loaded;
  auto created = loaded.registry.create_label_type("throwing", kNoOptions);
  REQUIRE(created.ok());
  const auto& label = *created.object;

  const auto before = plugin_error_count();
  auto r = label.validate("yes", kRow);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Code::internal);
  CHECK(r.status().message() ==
        "plugin 'throwing' (label_type) threw in validate: validate exploded");
  CHECK(plugin_error_count() == before + 1);

  auto a = label.agreement("yes", "yes", kRow);
  REQUIRE_FALSE(a.is_ok());
  CHECK(a.status().message() ==
        "plugin 'throwing' (label_type) threw in agreement: an exception "
        "that is not a std::exception");
  CHECK(plugin_error_count() == before + 2);

  // The object and the daemon carry on: other methods work, and the next call fails alike.
  auto d = label.diff("yes", "no", kRow);
  REQUIRE(d.is_ok());
  CHECK(*d == boost::json::parse(R"({"same": false})"));
  CHECK_FALSE(label.validate("no", kRow).is_ok());
  CHECK(plugin_error_count() == before + 3);
}

TEST_CASE("agreement is clamped to [0, 1] and NaN is an error", "[guarded]") {
  Loaded loaded;
  auto created = loaded.registry.create_label_type("good_label", kNoOptions);
  REQUIRE(created.ok());
  const auto& label = *created.object;

  CHECK(label.agreement("yes", "yes", kRow).value() == 1.0);
  CHECK(label.agreement("yes", "no", kRow).value() == 0.0);
  CHECK(label.agreement(0.25, "x", kRow).value() == 0.25);
  CHECK(label.agreement(1.5, "x", kRow).value() == 1.0);
  CHECK(label.agreement(-0.5, "x", kRow).value() == 0.0);

  const auto before = plugin_error_count();
  auto nan = label.agreement("nan", "x", kRow);
  REQUIRE_FALSE(nan.is_ok());
  CHECK(nan.status().code() == Code::internal);
  CHECK(nan.status().message() == "plugin 'good_label' (label_type) returned NaN in agreement");
  CHECK(plugin_error_count() == before + 1);
}

TEST_CASE("label type calls pass results and the plugin's own errors through", "[guarded]") {
  Loaded loaded;
  auto created = loaded.registry.create_label_type("good_label", kNoOptions);
  REQUIRE(created.ok());
  const auto& label = *created.object;

  std::vector<labelflow::sdk::Judgment> judgments = {
      {"i1", "a", "yes"}, {"i1", "b", "no"}, {"i2", "a", "no"}};
  auto metrics = label.metrics(judgments);
  REQUIRE(metrics.is_ok());
  CHECK(metrics->at("n_judgments").as_uint64() == 3);
  CHECK(label.consolidation_methods().value() == std::vector<std::string>{"first"});
  auto consolidated = label.consolidate(judgments, "first");
  REQUIRE(consolidated.is_ok());
  REQUIRE(consolidated->size() == 2);
  CHECK((*consolidated)[0].label == "yes");

  const auto before = plugin_error_count();
  auto unknown = label.consolidate(judgments, "median");
  REQUIRE_FALSE(unknown.is_ok());
  CHECK(unknown.status().code() == Code::invalid_argument);
  CHECK(unknown.status().message() == "unknown method 'median'");
  CHECK(plugin_error_count() == before);  // a returned error is no plugin fault

  CHECK(label.normalize("yes", kRow).value() == "yes");
  CHECK(label.export_value("yes", kRow).value() == "yes");
  CHECK(label.widget().value() == "good_label_widget.js");
}

TEST_CASE("storage calls: chunks joined, errors passed through, exceptions caught", "[guarded]") {
  Loaded loaded;
  auto created = loaded.registry.create_storage("memory", boost::json::object{{"chunk_size", 2}});
  REQUIRE(created.ok());
  const auto& storage = *created.object;

  REQUIRE(storage.put("a/1", "hello world").is_ok());
  REQUIRE(storage.put("a/2", "x").is_ok());
  REQUIRE(storage.put("b/1", "y").is_ok());
  CHECK(storage.get_all("a/1").value() == "hello world");

  auto missing = storage.get_all("a/9");
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == Code::not_found);

  auto page = storage.list("a/", "", 1);
  REQUIRE(page.is_ok());
  REQUIRE(page->objects.size() == 1);
  CHECK(page->objects[0].key == "a/1");
  CHECK(page->objects[0].size == 11);
  auto next = storage.list("a/", page->next_token, 1);
  REQUIRE(next.is_ok());
  REQUIRE(next->objects.size() == 1);
  CHECK(next->objects[0].key == "a/2");

  REQUIRE(storage.remove("a/1").is_ok());
  CHECK(storage.get_all("a/1").status().code() == Code::not_found);

  const auto before = plugin_error_count();
  auto thrown = storage.put("throw", "data");
  CHECK(thrown.code() == Code::internal);
  CHECK(thrown.message() == "plugin 'memory' (storage) threw in put: disk on fire");
  CHECK(plugin_error_count() == before + 1);
  CHECK(storage.get_all("a/2").value() == "x");
}

TEST_CASE("storage options are checked by the plugin", "[guarded]") {
  Loaded loaded;
  auto created = loaded.registry.create_storage("memory", boost::json::object{{"chunk_size", 0}});
  CHECK_FALSE(created.ok());
  REQUIRE(created.option_errors.size() == 1);
  CHECK(created.option_errors[0].key == "chunk_size");
}
