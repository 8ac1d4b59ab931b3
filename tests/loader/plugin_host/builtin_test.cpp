// The built-in plugins as the daemon loads them: from LABELFLOW_PLUGIN_DIR, through the
// registry. Which label and storage plugins exist depends on what was built; every one there
// must load, and the keywords router always is there (this suite depends on it).
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "plugin_host/registry.hpp"
#include "helpers.hpp"

using labelflow::plugin_host::Registry;
using labelflow::sdk::PluginKind;

TEST_CASE("every built-in plugin in the plugin directory loads", "[builtin]") {
  Registry registry;
  auto errors = registry.load_directories({LABELFLOW_PLUGIN_DIR});
  INFO(loader_test::describe(errors));
  CHECK(errors.empty());
  const auto* router = registry.find(PluginKind::router, "keywords");
  REQUIRE(router != nullptr);
  CHECK(router->path.filename() == "router_keywords.so");
  CHECK(router->abi_major == labelflow::sdk::kAbiMajor);
}

TEST_CASE("the keywords router works through the loader", "[builtin]") {
  Registry registry;
  registry.load_directories({LABELFLOW_PLUGIN_DIR});
  auto options = boost::json::parse(R"({"domains": {"technical": ["python"],
      "financial": ["bank", "interest rate"]}, "fields": ["query", "response"]})");
  auto created = registry.create_router("keywords", options.as_object());
  REQUIRE(created.ok());
  const boost::json::object metadata;
  labelflow::sdk::RowView row{"r-1", "python", "Which bank has the best interest rate?",
                              "Ask Python", &metadata};
  auto domains = created.object->route(row);
  REQUIRE(domains.is_ok());
  CHECK(*domains == std::vector<std::string>{"technical", "financial"});

  auto refused = registry.create_router("keywords", boost::json::object{{"domain", 1}});
  CHECK_FALSE(refused.ok());
  REQUIRE(refused.option_errors.size() == 2);  // domains missing, domain unknown
}
