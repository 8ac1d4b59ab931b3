#include "keywords_router.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using labelflow::plugins::KeywordsRouter;
using labelflow::sdk::ConfigError;
using labelflow::sdk::RowView;
using Domains = std::vector<std::string>;

namespace {

boost::json::object options(const char* json) { return boost::json::parse(json).as_object(); }

const boost::json::object kNoMetadata;

RowView row(std::string_view context, std::string_view query, std::string_view response) {
  return RowView{"r-1", context, query, response, &kNoMetadata};
}

KeywordsRouter configured(const char* json) {
  KeywordsRouter router;
  auto errors = router.configure(options(json));
  INFO(json);
  REQUIRE(errors.empty());
  return router;
}

std::string keys(const std::vector<ConfigError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.key + "=" + e.message + "|";
  return out;
}

}  // namespace

TEST_CASE("routes every matching domain in declared order", "[keywords]") {
  auto router = configured(R"({"domains": {
      "technical": ["stack trace", "segfault", "python"],
      "financial": ["bank", "interest rate"],
      "medical": ["dosage"]}})");
  auto r = router.route(row("", "My Python script got a SEGFAULT", "Ask your bank"));
  REQUIRE(r.is_ok());
  CHECK(*r == Domains{"technical", "financial"});

  r = router.route(row("", "What is a good interest rate?", ""));
  REQUIRE(r.is_ok());
  CHECK(*r == Domains{"financial"});

  r = router.route(row("nothing", "to see", "here"));
  REQUIRE(r.is_ok());
  CHECK(r->empty());
}

TEST_CASE("declared order wins over the order of matches in the text", "[keywords]") {
  auto router = configured(R"({"domains": {"b": ["second"], "a": ["first"]}})");
  auto r = router.route(row("first then second", "", ""));
  REQUIRE(r.is_ok());
  CHECK(*r == Domains{"b", "a"});
}

TEST_CASE("a domain is returned once even when several keywords match", "[keywords]") {
  auto router = configured(R"({"domains": {"fin": ["bank", "loan", "Bank"]}})");
  auto r = router.route(row("bank", "loan", "bank loan"));
  REQUIRE(r.is_ok());
  CHECK(*r == Domains{"fin"});
}

TEST_CASE("fields limits which row text is searched", "[keywords]") {
  auto router = configured(R"({"domains": {"fin": ["bank"]}, "fields": ["query"]})");
  auto r = router.route(row("bank", "", "bank"));
  REQUIRE(r.is_ok());
  CHECK(r->empty());
  r = router.route(row("", "my bank", ""));
  REQUIRE(r.is_ok());
  CHECK(*r == Domains{"fin"});
}

TEST_CASE("keywords are trimmed and matched whole-word, case-insensitively", "[keywords]") {
  auto router = configured(R"({"domains": {"tech": ["  GPU "]}})");
  CHECK(*router.route(row("", "which gpu?", "")) == Domains{"tech"});
  CHECK(router.route(row("", "gpus", ""))->empty());
}

TEST_CASE("options: missing, wrong or unknown keys are refused by name", "[keywords]") {
  KeywordsRouter router;
  SECTION("domains is required") {
    auto e = router.configure(options("{}"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].key == "domains");
    CHECK(e[0].message == "is required");
  }
  SECTION("domains must be a non-empty table") {
    CHECK(
        keys(router.configure(options(R"({"domains": ["a"]})"))).find("domains=must be a table") !=
        std::string::npos);
    CHECK(keys(router.configure(options(R"({"domains": {}})"))).find("domains=must name") !=
          std::string::npos);
  }
  SECTION("each domain needs a non-empty list of non-blank strings") {
    auto e = router.configure(options(R"({"domains": {"a": [], "b": "x", "c": ["ok", 3, " "]}})"));
    std::string all = keys(e);
    CHECK(all.find("domains.a=") != std::string::npos);
    CHECK(all.find("domains.b=") != std::string::npos);
    CHECK(all.find("domains.c[1]=must be a string") != std::string::npos);
    CHECK(all.find("domains.c[2]=must not be empty") != std::string::npos);
    CHECK(e.size() == 4);
  }
  SECTION("fields must name row text fields") {
    auto e = router.configure(options(R"({"domains": {"a": ["x"]}, "fields": ["body"]})"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].key == "fields");
    CHECK(e[0].message.find("\"body\"") != std::string::npos);
    e = router.configure(options(R"({"domains": {"a": ["x"]}, "fields": []})"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].key == "fields");
  }
  SECTION("unknown keys are refused with a suggestion") {
    auto e = router.configure(options(R"({"domains": {"a": ["x"]}, "feilds": ["query"]})"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].key == "feilds");
    CHECK(e[0].message == "unknown option (did you mean 'fields'?)");
  }
}
