// `labelflow agreement` run as a program: output shape, figures, consolidation, bad input and
// exit codes (0 ok, 2 usage or bad input); an input without judgments still gives every key.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

fs::path scratch() {
  static const fs::path dir = [] {
    auto d = fs::temp_directory_path() /
             ("labelflow_agreement_cli_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Runs labelflow with `args` (plugins from the build's plugin directory unless given).
Run labelflow(const std::vector<std::string>& args, bool plugin_dir = true) {
  std::string command = quote(LABELFLOW_CLI);
  for (const auto& a : args) command += " " + quote(a);
  if (plugin_dir) command += " --plugin-dir " + quote(LABELFLOW_PLUGIN_DIR);
  const auto out = scratch() / "stdout", err = scratch() / "stderr";
  command += " >" + quote(out.string()) + " 2>" + quote(err.string());
  int status = std::system(command.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string data(const char* name) {
  return std::string(LABELS_TEST_DATA) + "/agreement/" + name;
}

std::string write(const char* name, const std::string& content) {
  auto p = scratch() / name;
  std::ofstream(p) << content;
  return p.string();
}

std::vector<json::object> lines(const std::string& out) {
  std::vector<json::object> result;
  std::stringstream ss(out);
  std::string line;
  while (std::getline(ss, line)) result.push_back(json::parse(line).as_object());
  return result;
}

}  // namespace

TEST_CASE("labelflow --help, no command, unknown command") {
  auto help = labelflow({"--help"}, false);
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("agreement"));
  CHECK(labelflow({}, false).code == 2);
  auto unknown = labelflow({"frobnicate"}, false);
  CHECK(unknown.code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
  auto sub = labelflow({"agreement", "--help"}, false);
  CHECK(sub.code == 0);
  CHECK_THAT(sub.out, Catch::Contains("--consolidate"));
}

TEST_CASE("agreement: classification metrics, classes inferred from the input") {
  auto r = labelflow({"agreement", "--type", "classification", "--input",
                      data("classification_small.jsonl")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto m = json::parse(r.out).as_object();
  CHECK(m.at("n_items").to_number<int>() == 4);
  CHECK(m.at("percent_agreement").as_double() == Approx(0.75));
  CHECK(m.at("cohen_kappa").as_double() == Approx(0.5));
  CHECK(m.at("fleiss_kappa").as_double() == Approx(7.0 / 15.0));
  CHECK(m.at("krippendorff_alpha_nominal").as_double() == Approx(16.0 / 30.0));
  CHECK(m.at("per_class").is_null());
  CHECK(m.at("notes").as_object().contains("per_class"));
  CHECK(r.err.empty());
}

TEST_CASE("agreement: consolidation lines, majority vote and Dawid-Skene") {
  auto mv = labelflow({"agreement", "--type", "classification", "--input",
                       data("classification_small.jsonl"), "--consolidate"});
  REQUIRE(mv.code == 0);
  auto out = lines(mv.out);
  REQUIRE(out.size() == 4);
  CHECK(out[0] == json::parse(R"({"item": "1", "label": "a", "method": "majority-vote"})"));
  // Item 2 is a tie (a, b): the first class of `classes` (inferred: a) wins.
  CHECK(out[1].at("label") == json::value("a"));
  CHECK_FALSE(out[1].contains("posterior"));
  auto ds = labelflow({"agreement", "--type", "classification", "--input",
                       data("classification_small.jsonl"), "--consolidate", "--method",
                       "dawid-skene", "--options", R"({"classes": ["b", "a"]})"});
  REQUIRE(ds.code == 0);
  auto ds_out = lines(ds.out);
  REQUIRE(ds_out.size() == 4);
  CHECK(ds_out[0].at("method") == json::value("dawid-skene"));
  CHECK(ds_out[0].at("posterior").as_object().size() == 2);
}

TEST_CASE("agreement: ratings with the scale inferred, Krippendorff (2011) example") {
  auto r = labelflow({"agreement", "--type", "rating", "--input",
                      data("ratings_krippendorff_2011.jsonl")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto m = json::parse(r.out).as_object();
  CHECK(m.at("n_items").to_number<int>() == 12);
  CHECK(m.at("krippendorff_alpha_ordinal").as_double() == Approx(0.815).margin(5e-4));
  CHECK(m.at("krippendorff_alpha_interval").as_double() == Approx(0.849).margin(5e-4));
  CHECK(m.at("cohen_kappa_linear").is_null());
  CHECK(m.at("notes").as_object().contains("cohen_kappa_linear"));
  auto median = labelflow({"agreement", "--type", "rating", "--input",
                           data("ratings_krippendorff_2011.jsonl"), "--consolidate"});
  REQUIRE(median.code == 0);
  auto out = lines(median.out);
  REQUIRE(out.size() == 12);
  CHECK(out[5] == json::parse(R"({"item": "unit6", "label": 2, "method": "median"})"));
}

TEST_CASE("agreement: ner metrics and span-cluster, three annotators") {
  auto r = labelflow({"agreement", "--type", "ner", "--input", data("ner_small.jsonl"),
                      "--options", R"({"entity_types": ["PER", "LOC", "ORG"]})"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto m = json::parse(r.out).as_object();
  // Hand-computed: strict pairs (P, R, F1) = (1/3, 1/2, 2/5), (0, 0, 0), (1/2, 1/3, 2/5).
  CHECK(m.at("strict").at("precision").as_double() == Approx(5.0 / 18.0));
  CHECK(m.at("strict").at("recall").as_double() == Approx(5.0 / 18.0));
  CHECK(m.at("strict").at("f1").as_double() == Approx(0.8 / 3.0));
  // Overlap pairs: (2/3, 1, 4/5), (0, 0, 0), (1/2, 1/3, 2/5).
  CHECK(m.at("overlap").at("precision").as_double() == Approx(7.0 / 18.0));
  CHECK(m.at("overlap").at("recall").as_double() == Approx(4.0 / 9.0));
  CHECK(m.at("overlap").at("f1").as_double() == Approx(0.4));
  auto c = labelflow({"agreement", "--type", "ner", "--input", data("ner_small.jsonl"),
                      "--consolidate"});
  REQUIRE(c.code == 0);
  auto out = lines(c.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].at("label") == json::parse(R"([{"start": 0, "end": 5, "type": "PER"},
                                              {"start": 14, "end": 19, "type": "LOC"}])"));
  CHECK(out[1].at("label") == json::parse(R"([{"start": 3, "end": 7, "type": "LOC"}])"));
}

TEST_CASE("agreement: bad input exits 2 naming the line and the problem") {
  struct Case {
    const char* content;
    const char* expected;
  };
  const Case cases[] = {
      {"{\"item\": 1, \"rater\": \"a\", \"label\": \"x\"}\n{not json}\n", ":2: not valid JSON"},
      {"{\"item\": 1, \"rater\": \"a\", \"label\": \"x\"}\n\n{\"item\": 2, \"label\": \"x\"}\n",
       ":3: missing \"rater\""},
      {"[1, 2]\n", ":1: expected an object"},
      {"{\"item\": 1.5, \"rater\": \"a\", \"label\": \"x\"}\n", ":1: \"item\" must be a string"},
      {"{\"item\": 1, \"rater\": \"a\", \"label\": \"x\", \"note\": 1}\n",
       ":1: unknown key \"note\""},
      {"{\"item\": 1, \"rater\": \"a\", \"label\": \"x\"}\n{\"item\": 1, \"rater\": \"b\", "
       "\"label\": 7}\n",
       ":2: label must be a string naming one class"},
  };
  for (const auto& c : cases) {
    auto file = write("bad.jsonl", c.content);
    auto r = labelflow({"agreement", "--type", "classification", "--input", file});
    INFO(c.content);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.expected));
    CHECK(r.out.empty());
  }
  auto spans = write("bad_spans.jsonl",
                     "{\"item\": 1, \"rater\": \"a\", \"label\": [{\"start\": 4, \"end\": 2, "
                     "\"type\": \"PER\"}]}\n");
  auto r = labelflow({"agreement", "--type", "ner", "--input", spans});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains(":1: label/0/end must be greater than start"));
  auto off_scale = labelflow({"agreement", "--type", "rating", "--input",
                              data("ratings_krippendorff_2011.jsonl"), "--options",
                              R"({"min": 1, "max": 4, "step": 1})"});
  CHECK(off_scale.code == 2);
  CHECK_THAT(off_scale.err, Catch::Contains("5 is not on the scale"));
}

TEST_CASE("agreement: usage errors exit 2") {
  const std::string input = data("classification_small.jsonl");
  auto check = [](const Run& r, const char* expected) {
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(expected));
  };
  check(labelflow({"agreement", "--input", input}), "--type is required");
  check(labelflow({"agreement", "--type", "classification"}), "--input is required");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--frob"}),
        "unknown option --frob");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--method",
                   "dawid-skene"}),
        "--method needs --consolidate");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--consolidate",
                   "--method", "median"}),
        "unknown --method 'median' for classification; expected majority-vote, dawid-skene");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--options",
                   "{\"classes\": [\"a\", \"b\"], \"multy\": true}"}),
        "option 'multy': unknown option (did you mean 'multi'?)");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--options",
                   "{oops"}),
        "--options is not valid JSON");
  check(labelflow({"agreement", "--type", "sentiment", "--input", input}), "sentiment");
  check(labelflow({"agreement", "--type", "classification", "--input", "/nonexistent.jsonl"}),
        "/nonexistent.jsonl: cannot be opened");
  check(labelflow({"agreement", "--type", "classification", "--input", input, "--plugin-dir",
                   "/nonexistent-plugins"},
                  false),
        "/nonexistent-plugins");
}

// DESIGN section 7: every key always present, undefined figures null with the reason.
TEST_CASE("agreement: an input without judgments prints every key, figures null, exit 0") {
  const auto empty = write("empty.jsonl", "\n");
  const std::vector<std::pair<const char*, std::vector<const char*>>> expected = {
      {"classification",
       {"percent_agreement", "cohen_kappa", "cohen_n_items", "fleiss_kappa",
        "krippendorff_alpha_nominal", "per_class"}},
      {"rating",
       {"krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "cohen_kappa_linear",
        "cohen_kappa_quadratic", "cohen_n_items", "mean_absolute_difference", "dimensions"}},
      {"ner", {}}};
  for (const auto& [type, nulls] : expected) {
    INFO(type);
    auto r = labelflow({"agreement", "--type", type, "--input", empty});
    CHECK(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains("no judgments; every figure is null"));
    auto m = json::parse(r.out).as_object();
    CHECK(m.at("n_items") == 0);
    CHECK(m.at("n_raters") == 0);
    const auto& notes = m.at("notes").as_object();
    CHECK(notes.at("n_items") == "the input has no judgments");
    for (const char* key : nulls) {
      INFO(key);
      CHECK(m.at(key).is_null());
      CHECK(notes.at(key).is_string());
    }
    if (std::string(type) == "ner") {
      for (const char* scheme : {"strict", "overlap"}) {
        for (const char* figure : {"precision", "recall", "f1"}) {
          CHECK(m.at(scheme).at(figure).is_null());
          CHECK(m.at(scheme).at("notes").at(figure).is_string());
        }
      }
    }
  }
  // With --options the same shape; a multi-class label gives per_class for each class.
  auto multi = labelflow({"agreement", "--type", "classification", "--input", empty,
                          "--options", R"({"classes": ["a", "b"], "multi": true})"});
  CHECK(multi.code == 0);
  auto m = json::parse(multi.out).as_object();
  CHECK(m.at("per_class").at("a").at("fleiss_kappa").is_null());
  CHECK(m.at("per_class").at("b").at("n_items") == 0);
  // Consolidating no judgments prints no lines.
  auto consolidated =
      labelflow({"agreement", "--type", "classification", "--input", empty, "--consolidate"});
  CHECK(consolidated.code == 0);
  CHECK(consolidated.out.empty());
}

TEST_CASE("agreement: labels of the wrong shape are reported by line, not as empty options") {
  auto r = labelflow({"agreement", "--type", "classification", "--input",
                      write("numbers.jsonl", "{\"item\": 1, \"rater\": \"a\", \"label\": 5}\n")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("numbers.jsonl:1: label must be a string"));
}
