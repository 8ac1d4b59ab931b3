#include "e2e_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace labelflow::test::e2e {

namespace json = boost::json;
namespace fs = std::filesystem;

const std::set<std::string>& expertise(const std::string& reviewer) {
  static const std::map<std::string, std::set<std::string>> table = {
      {"alice", {"technical"}}, {"bob", {"financial"}}, {"carol", {}},  {"dave", {"technical"}},
      {"erin", {"financial"}},  {"frank", {}},          {"grace", {}}};
  return table.at(reviewer);
}

json::object labels_for(int variant) {
  json::array entities;
  if (variant % 2 == 0) entities.push_back(json::object{{"start", 0}, {"end", 9}, {"type", "ORG"}});
  const std::size_t cls = static_cast<std::size_t>(variant) % kClasses.size();
  return {{"intent", kClasses[cls]},
          {"entities", std::move(entities)},
          {"quality", json::object{{"helpfulness", 1 + variant % 5}, {"correctness", 3}}}};
}

std::vector<std::string> generated_rows(std::uint32_t seed, int count) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "e2e-%03d", i);
    json::value domain = "general";
    if (i % 5 == 0) domain = "technical";
    if (i % 5 == 1) domain = "financial";
    if (i % 25 == 2) domain = json::array{"technical", "financial"};
    json::object autos = labels_for(static_cast<int>(rng() % 10));
    switch (i % 7) {  // invalid auto labels: kept but flagged by the import
      case 3: autos["intent"] = "not-a-class"; break;
      case 5: autos["entities"] = json::array{json::object{{"start", 0}, {"end", 999},
                                                           {"type", "ORG"}}}; break;
      case 6: autos["quality"] = json::object{{"helpfulness", 9}, {"correctness", 3}}; break;
      default: break;
    }
    json::object row{{"id", id},
                     {"context", ""},
                     {"query", "Question " + std::to_string(i) + ": what did the company report?"},
                     {"response", "Acme Corp reported results in Paris on Monday."},
                     {"auto_labels", std::move(autos)},
                     {"metadata", json::object{{"domain", domain}}}};
    out.push_back(json::serialize(row));
  }
  return out;
}

S3Fixture s3_fixture() {
  const char* state = std::getenv("LABELFLOW_S3_STATE");
  if (state == nullptr) {
    throw std::runtime_error("LABELFLOW_S3_STATE is not set (run the runtime/s3rver/setup test)");
  }
  S3Fixture s;
  s.state = state;
  std::ifstream in(s.state / "env");
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    if (line.substr(0, eq) == "PROXY_PORT") s.proxy_port = std::stoi(line.substr(eq + 1));
    if (line.substr(0, eq) == "BUCKET") s.bucket = line.substr(eq + 1);
  }
  if (s.proxy_port == 0 || s.bucket.empty()) {
    throw std::runtime_error("no PROXY_PORT/BUCKET in " + (s.state / "env").string());
  }
  return s;
}

std::map<std::string, json::object> exported_lines(const S3Fixture& s3, const std::string& prefix,
                                                   std::vector<std::string>* keys) {
  std::map<std::string, json::object> out;
  const fs::path bucket = s3.state / "data" / s3.bucket;
  const fs::path dir = bucket / prefix;
  if (!fs::exists(dir)) return out;
  const std::string suffix = "._S3rver_object";
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().string();
    if (!e.is_regular_file() || name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string key = fs::relative(e.path(), bucket).string();
    if (keys) keys->push_back(key.substr(0, key.size() - suffix.size()));
    if (key.find(".jsonl") == std::string::npos) continue;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto o = json::parse(line).as_object();
      out[std::string(o.at("row").at("id").as_string())] = o;
    }
  }
  return out;
}

}  // namespace labelflow::test::e2e
