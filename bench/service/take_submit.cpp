// take_submit: starts labelflowd on a temp copy of the demo configuration with N synthetic rows
// (no expert domain), then one keep-alive client per reviewer loops next -> submit for D
// seconds; then the same clients load /healthz for D seconds. Prints both rates and the ratio.
//   take_submit [ROWS=20000] [SECONDS=5] [CLIENTS=48]
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "process.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace labelflow::test;

namespace {

// The demo's seven reviewers plus generated ones, so enough clients keep requests in flight
// for group commit to batch (each reviewer holds one lease at a time).
std::vector<std::string> reviewers(int extra) {
  std::vector<std::string> out = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
  for (int i = 0; i < extra; ++i) out.push_back("r" + std::to_string(i));
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  if (pos == std::string::npos) throw std::runtime_error("config: no '" + from + "'");
  s.replace(pos, from.size(), to);
}

std::optional<HttpResponse> call(Connection& c, const std::string& method,
                                 const std::string& target, const std::string& token,
                                 const std::string& body = {}) {
  if (!c.send(build_request(method, target, body, bearer(token)))) return std::nullopt;
  return c.read_response();
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 5;
  const int clients = std::max(7, argc > 3 ? std::atoi(argv[3]) : 48);
  const auto kReviewers = reviewers(clients - 7);
  const fs::path src = LABELFLOW_SOURCE_DIR;
  const fs::path dir = fs::temp_directory_path() / ("take-submit-" + std::to_string(getpid()));
  fs::create_directories(dir / "projects");
  fs::create_directories(dir / "data/demo/incoming");
  std::string daemon = slurp(src / "configs/labelflowd.toml");
  replace(daemon, "127.0.0.1:8080", "127.0.0.1:0");
  replace(daemon, "../var/labelflow.db", "state.db");
  replace(daemon, "../var/data", "data");
  replace(daemon, "level = \"info\"", "level = \"warn\"");
  std::ofstream(dir / "labelflowd.toml") << daemon;
  {
    std::ofstream out(dir / "reviewers.toml");
    out << slurp(src / "configs/reviewers.toml");
    for (std::size_t i = 7; i < kReviewers.size(); ++i) {
      std::string env = "LABELFLOW_TOKEN_" + kReviewers[i];
      for (auto& ch : env) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      out << "\n[[reviewers]]\nid = \"" << kReviewers[i] << "\"\nroles = [\"primary\", \"qa\"]\n"
          << "token_env = \"" << env << "\"\n";
    }
  }
  std::ofstream(dir / "projects/demo.toml") << slurp(src / "configs/projects/demo.toml");
  {
    std::ofstream out(dir / "data/demo/incoming/rows.jsonl");
    for (int i = 0; i < rows; ++i) {
      out << R"({"id": "b-)" << i << R"(", "context": "", "query": "Say hello", )"
          << R"("response": "Hello there.", "auto_labels": {"intent": "open_qa", )"
          << R"("entities": [], "quality": {"helpfulness": 4, "correctness": 4}}, )"
          << R"("metadata": {"domain": "general"}})" << "\n";
    }
  }
  setenv("LABELFLOW_ADMIN_TOKEN", "bench-admin-token-0123456789", 1);
  for (const auto& r : kReviewers) {
    std::string env = "LABELFLOW_TOKEN_" + r;
    for (auto& ch : env) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    setenv(env.c_str(), ("bench-token-" + r + "-0123456789").c_str(), 1);
  }
  // --log-level info: the port is read from the "listening on" line.
  Process daemon_process(LABELFLOWD_PATH,
                         {"--config", (dir / "labelflowd.toml").string(), "--log-level", "info"},
                         dir);
  if (!daemon_process.wait_for_err("; ready;", std::chrono::seconds(30))) {
    std::fprintf(stderr, "labelflowd did not start:\n%s", daemon_process.err().c_str());
    return 1;
  }
  const std::string err = daemon_process.err();
  const std::string marker = "listening on 127.0.0.1:";
  const auto port = static_cast<std::uint16_t>(
      std::stoi(err.substr(err.find(marker) + marker.size())));

  const std::string admin = "bench-admin-token-0123456789";
  auto t0 = std::chrono::steady_clock::now();
  auto rec = request(port, "POST", "/v1/projects/demo/imports", "{}", bearer(admin));
  const std::string id(json::parse(rec.body).at("id").as_string());
  for (;;) {
    auto r = request(port, "GET", "/v1/projects/demo/imports/" + id, {}, bearer(admin));
    auto state = json::parse(r.body).at("state");
    if (state != "queued" && state != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const double import_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  auto load = [&](bool work) {
    std::atomic<bool> stop{false};
    std::atomic<long> done{0};
    std::vector<std::thread> threads;
    for (const auto& r : kReviewers) {
      threads.emplace_back([&, r] {
        const std::string token = "bench-token-" + r + "-0123456789";
        Connection c(port);
        const std::string body =
            R"({"labels": {"intent": "open_qa", "entities": [], )"
            R"("quality": {"helpfulness": 4, "correctness": 4}}, "active_seconds": 10})";
        while (!stop) {
          if (!work) {
            if (!call(c, "GET", "/healthz", token)) return;
            ++done;
            continue;
          }
          auto t = call(c, "POST", "/v1/projects/demo/tasks/next", token);
          if (!t) return;
          if (t->status != 200) continue;
          auto task = json::parse(t->body).at("task").as_string();
          auto s = call(c, "POST", "/v1/tasks/" + std::string(task) + "/submit", token, body);
          if (!s) return;
          if (s->status == 200) ++done;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    return static_cast<double>(done) / seconds;
  };
  // The store's counters from /metrics, to show how well group commit batched.
  auto metric = [&](const std::string& name) {
    auto r = request(port, "GET", "/metrics", {}, {});
    auto pos = r.body.find("\n" + name + " ");
    return pos == std::string::npos ? 0.0 : std::atof(r.body.c_str() + pos + name.size() + 2);
  };
  const double commits0 = metric("labelflow_store_commits_total");
  const double batches0 = metric("labelflow_store_batches_total");
  const double pairs = load(true);
  const double commits = metric("labelflow_store_commits_total") - commits0;
  const double batches = metric("labelflow_store_batches_total") - batches0;
  const double healthz = load(false);
  std::printf("rows imported: %d in %.2f s (%.0f rows/s, through HTTP and the storage plugin)\n",
              rows, import_s, rows / import_s);
  std::printf("take+submit: %.0f pairs/s (%d reviewers, keep-alive, durable acks)\n", pairs,
              static_cast<int>(kReviewers.size()));
  std::printf("  %.0f durable commits/s, %.1f batches per commit on average\n",
              commits / seconds, commits > 0 ? batches / commits : 0.0);
  std::printf("/healthz: %.0f requests/s (same clients)\n", healthz);
  std::printf("ratio take+submit requests / healthz requests: %.2f\n", 2 * pairs / healthz);
  std::printf("ratio take+submit pairs / healthz requests: %.2f\n", pairs / healthz);
  daemon_process.signal(SIGTERM);
  daemon_process.wait(std::chrono::seconds(20));
  fs::remove_all(dir);
  return 0;
}
