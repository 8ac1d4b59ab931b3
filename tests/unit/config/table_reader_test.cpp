#include <catch2/catch.hpp>

#include "config/plugin_spec.hpp"
#include "config/table_reader.hpp"

using namespace labelflow::config;

TEST_CASE("config: edit distance counts swaps of neighbours as one edit", "[config]") {
  CHECK(edit_distance("listen", "listen") == 0);
  CHECK(edit_distance("lsiten", "listen") == 1);
  CHECK(edit_distance("listn", "listen") == 1);
  CHECK(edit_distance("lissten", "listen") == 1);
  CHECK(edit_distance("port", "listen") > 2);
}

TEST_CASE("config: closest_match suggests only within distance 2", "[config]") {
  std::vector<std::string> keys = {"listen", "state", "timezone"};
  CHECK(closest_match("stat", keys) == "state");
  CHECK(closest_match("timezon", keys) == "timezone");
  CHECK(closest_match("zzzzzz", keys).empty());
}

TEST_CASE("config: TableReader reports wrong types at the value and unknown keys at the key",
          "[config]") {
  toml::table table =
      toml::parse(std::string_view("a = 1\nb = \"x\"\n  colour = 2\n"), std::string_view("t.toml"));
  Diagnostics diags;
  TableReader r(table, "t.toml", diags);
  CHECK_FALSE(r.string("a").has_value());
  CHECK(r.string("b") == std::optional<std::string>("x"));
  r.allow("color");
  r.finish();
  REQUIRE(diags.all().size() == 2);
  CHECK(diags.all()[0].to_string() ==
        "t.toml:1:5: error config.wrong_type: key 'a' must be a string, found an integer");
  CHECK(diags.all()[1].to_string() ==
        "t.toml:3:3: error config.unknown_key: unknown key 'colour'; did you mean 'color'?");
}

TEST_CASE("config: integer getter refuses a float without reading it as an integer", "[config]") {
  toml::table table = toml::parse(std::string_view("n = 2.5\n"), std::string_view("t.toml"));
  Diagnostics diags;
  TableReader r(table, "t.toml", diags);
  CHECK_FALSE(r.integer("n").has_value());
  CHECK(diags.all().at(0).id == "config.wrong_type");
  CHECK(diags.all().at(0).message.find("an integer, found a float") != std::string::npos);
}

TEST_CASE("config: to_json keeps integers, floats, nesting, and writes dates as text", "[config]") {
  toml::table table =
      toml::parse(std::string_view(
                      "i = 3\nf = 0.5\nb = true\nl = [1, \"x\"]\nd = 2024-05-01\n[t]\nk = \"v\"\n"),
                  std::string_view("t.toml"));
  boost::json::value v = to_json(table);
  const auto& o = v.as_object();
  CHECK(o.at("i").is_int64());
  CHECK(o.at("i").as_int64() == 3);
  CHECK(o.at("f").is_double());
  CHECK(o.at("b").as_bool());
  CHECK(o.at("l").as_array().size() == 2);
  CHECK(o.at("d").as_string() == "2024-05-01");
  CHECK(o.at("t").as_object().at("k").as_string() == "v");
}

TEST_CASE("config: plugin specs keep each option's position and resolve path options", "[config]") {
  toml::table table =
      toml::parse(std::string_view("type = \"local\"\nroot = \"data\"\nmode = \"x\"\n"),
                  std::string_view("/etc/lf/d.toml"));
  Diagnostics diags;
  TableReader r(table, "/etc/lf/d.toml", diags);
  PluginSpec spec = read_plugin_spec(r, {}, true);
  r.finish();
  CHECK(diags.all().empty());
  CHECK(spec.type == "local");
  CHECK(spec.options.at("root").as_string() == "/etc/lf/data");
  CHECK(spec.options.at("mode").as_string() == "x");
  CHECK(spec.where("mode").line == 3);
  CHECK(spec.where("mode").column == 1);
  CHECK(spec.where("").line == spec.table_where.line);
  CHECK(spec.type_where.line == 1);
  CHECK(spec.type_where.column == 8);
}

TEST_CASE("config: nested plugin option keys map to their own positions", "[config]") {
  toml::table table =
      toml::parse(std::string_view("type = \"keywords\"\n[domains]\ntech = [\"a\",\n  \"\"]\n"),
                  std::string_view("r.toml"));
  Diagnostics diags;
  TableReader r(table, "r.toml", diags);
  PluginSpec spec = read_plugin_spec(r, {}, false);
  CHECK(spec.where("domains").line == 2);
  CHECK(spec.where("domains.tech").line == 3);
  CHECK(spec.where("domains.tech").column == 1);
  CHECK(spec.where("domains.tech[1]").line == 4);
  CHECK(spec.where("domains.tech[1]").column == 3);
  CHECK(spec.where("domains.tech[7]").line == 3);  // nearest recorded parent
  CHECK(spec.where("nothing").line == spec.table_where.line);
}
