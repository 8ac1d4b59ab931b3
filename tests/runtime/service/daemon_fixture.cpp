#include "daemon_fixture.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace labelflow::test {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

const char* kReviewers[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

}  // namespace

std::string reviewer_token(const std::string& reviewer) {
  return "test-token-" + reviewer + "-0123456789";
}

Daemon::Daemon(DaemonSetup setup) {
  std::string pattern = (fs::temp_directory_path() / "labelflow-service-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  const fs::path src = LABELFLOW_SOURCE_DIR;
  setenv("LABELFLOW_ADMIN_TOKEN", kAdminToken, 1);
  for (const char* r : kReviewers) {
    std::string env = std::string("LABELFLOW_TOKEN_") + r;
    for (auto& c : env) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    setenv(env.c_str(), reviewer_token(r).c_str(), 1);
  }
  std::string daemon = read_file(src / "configs/labelflowd.toml");
  daemon = replace_all(daemon, "listen = \"127.0.0.1:8080\"", "listen = \"127.0.0.1:0\"");
  daemon = replace_all(daemon, "state = \"../var/labelflow.db\"", "state = \"state/labelflow.db\"");
  daemon = replace_all(daemon, "root = \"../var/data\"", "root = \"data\"");
  daemon = replace_all(daemon, "level = \"info\"", "level = \"info\"");
  write_file(root_ / "labelflowd.toml", daemon);
  write_file(root_ / "reviewers.toml", read_file(src / "configs/reviewers.toml"));
  std::string project = read_file(src / "configs/projects/demo.toml");
  project = replace_all(project, "lease_ttl_seconds = 1800",
                        "lease_ttl_seconds = " + std::to_string(setup.lease_ttl_seconds));
  write_file(root_ / "projects/demo.toml", project);
  std::istringstream rows(read_file(src / "configs/demo/rows.jsonl"));
  std::string line, out;
  for (std::size_t i = 0; i < setup.demo_rows && std::getline(rows, line); ++i) out += line + "\n";
  for (const auto& extra : setup.extra_rows) out += extra + "\n";
  write_file(root_ / "data/demo/incoming/rows.jsonl", out);
}

Daemon::~Daemon() {
  process_.reset();
  std::error_code ec;
  fs::remove_all(root_, ec);
}

void Daemon::start() {
  process_ = std::make_unique<Process>(LABELFLOWD_PATH,
                                       std::vector<std::string>{"--config",
                                                                (root_ / "labelflowd.toml").string()},
                                       root_);
  if (!process_->wait_for_err("; ready;", std::chrono::seconds(20))) {
    throw std::runtime_error("labelflowd did not become ready:\n" + process_->err());
  }
  // The port from "listening on 127.0.0.1:PORT;" (no std::regex: GCC 12 warns in it under ASan).
  const std::string err = process_->err();
  const std::string marker = "listening on 127.0.0.1:";
  const auto at = err.find(marker);
  if (at == std::string::npos) throw std::runtime_error("no port in the log:\n" + err);
  port_ = static_cast<std::uint16_t>(std::stoi(err.substr(at + marker.size())));
  auto ready = request(port_, "GET", "/readyz");
  if (ready.status != 200) throw std::runtime_error("readyz " + std::to_string(ready.status));
}

void Daemon::edit(const std::string& rel, const std::string& from, const std::string& to) const {
  std::string text = read_file(root_ / rel);
  auto pos = text.find(from);
  if (pos == std::string::npos) throw std::runtime_error(rel + ": no '" + from + "'");
  text.replace(pos, from.size(), to);
  write_file(root_ / rel, text);
}

void Daemon::kill9() {
  process_->signal(SIGKILL);
  process_->wait(std::chrono::seconds(10));
}

int Daemon::terminate() {
  process_->signal(SIGTERM);
  auto code = process_->wait(std::chrono::seconds(20));
  return code ? *code : -1;
}

HttpResponse Daemon::call(const std::string& method, const std::string& target,
                          const std::string& token, const std::string& body) const {
  Headers h = bearer(token);
  h.emplace_back("Content-Type", "application/json");
  return request(port_, method, target, body, h);
}

json::value Daemon::json_call(const std::string& method, const std::string& target,
                              const std::string& token, const std::string& body,
                              int expect) const {
  auto res = call(method, target, token, body);
  if (res.status != expect) {
    throw std::runtime_error(method + " " + target + ": expected " + std::to_string(expect) +
                             ", got " + std::to_string(res.status) + ": " + res.body);
  }
  return res.body.empty() ? json::value() : json::parse(res.body);
}

json::object Daemon::import_rows() const {
  auto rec = json_call("POST", "/v1/projects/demo/imports", kAdminToken,
                       R"({"key": "demo/incoming/rows.jsonl"})", 202);
  const std::string id(rec.at("id").as_string());
  for (int i = 0; i < 400; ++i) {
    auto now = json_call("GET", "/v1/projects/demo/imports/" + id, kAdminToken).as_object();
    if (now.at("state") != "queued" && now.at("state") != "running") return now;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("import did not finish");
}

json::object valid_labels(const json::object& task) {
  json::object labels = task.at("labels").as_object();
  if (!labels.contains("intent")) labels["intent"] = "open_qa";
  if (!labels.contains("entities")) labels["entities"] = json::array();
  if (!labels.contains("quality")) {
    labels["quality"] = json::object{{"helpfulness", 3}, {"correctness", 3}};
  }
  return labels;
}

}  // namespace labelflow::test
