// take_submit: starts labelflowd on a temp copy of the demo configuration with N synthetic rows
// (no expert domain), then one keep-alive client per simulated reviewer loops next -> submit
// for D seconds (requests/s, pairs/s, rows finalized/s, p50/p99 latency, commits, the daemon's
// peak RSS); then the same clients load /healthz, and a fixed-200 server on NGINX_PORT when
// given, for D seconds each. Prints DESIGN section 9's ratios from that one run.
//   take_submit [ROWS=20000] [SECONDS=5] [CLIENTS=48] [NGINX_PORT=0]
// bench/service/run starts nginx and passes its port.
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
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

// VmHWM of `pid` (its peak resident set), in KiB.
double peak_rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6);
  }
  return 0;
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
  // A server answering a fixed 200 (bench/service/run starts nginx), loaded by the same
  // clients in the same run; 0: none.
  const auto nginx_port = static_cast<std::uint16_t>(argc > 4 ? std::atoi(argv[4]) : 0);
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
          << R"("metadata": {"domain": "general"}})"
          << "\n";
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
  const auto port =
      static_cast<std::uint16_t>(std::stoi(err.substr(err.find(marker) + marker.size())));

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

  // One phase: every client loops for `seconds`; latencies in microseconds per request.
  enum class Phase { take_submit, healthz, nginx };
  struct Result {
    long requests = 0, pairs = 0;
    std::vector<double> latency_us;
  };
  auto load = [&](Phase phase) {
    std::atomic<bool> stop{false};
    std::vector<Result> per_client(kReviewers.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < kReviewers.size(); ++i) {
      threads.emplace_back([&, i] {
        const std::string token = "bench-token-" + kReviewers[i] + "-0123456789";
        Result& out = per_client[i];
        Connection c(phase == Phase::nginx ? nginx_port : port);
        const std::string body =
            R"({"labels": {"intent": "open_qa", "entities": [], )"
            R"("quality": {"helpfulness": 4, "correctness": 4}}, "active_seconds": 10})";
        auto timed = [&](const std::string& method, const std::string& target,
                         const std::string& payload) {
          const auto t = std::chrono::steady_clock::now();
          auto r = call(c, method, target, token, payload);
          out.latency_us.push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t)
                  .count());
          ++out.requests;
          return r;
        };
        while (!stop) {
          if (phase != Phase::take_submit) {
            if (!timed("GET", phase == Phase::nginx ? "/" : "/healthz", {})) return;
            continue;
          }
          auto t = timed("POST", "/v1/projects/demo/tasks/next", {});
          if (!t) return;
          if (t->status != 200) continue;
          auto task = json::parse(t->body).at("task").as_string();
          auto sub = timed("POST", "/v1/tasks/" + std::string(task) + "/submit", body);
          if (!sub) return;
          if (sub->status == 200) ++out.pairs;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    Result all;
    for (auto& r : per_client) {
      all.requests += r.requests;
      all.pairs += r.pairs;
      all.latency_us.insert(all.latency_us.end(), r.latency_us.begin(), r.latency_us.end());
    }
    std::sort(all.latency_us.begin(), all.latency_us.end());
    return all;
  };
  auto percentile = [](const Result& r, double q) {
    if (r.latency_us.empty()) return 0.0;
    return r.latency_us[static_cast<std::size_t>(q * static_cast<double>(r.latency_us.size() - 1))];
  };
  // The store's counters and the project's figures, read around the take+submit phase.
  auto metric = [&](const std::string& name) {
    auto r = request(port, "GET", "/metrics", {}, {});
    auto pos = r.body.find("\n" + name + " ");
    return pos == std::string::npos ? 0.0 : std::atof(r.body.c_str() + pos + name.size() + 2);
  };
  auto finalized = [&] {
    auto r = request(port, "GET", "/v1/projects/demo/progress", {}, bearer(admin));
    return json::parse(r.body).at("finalized").to_number<double>();
  };
  const double commits0 = metric("labelflow_store_commits_total");
  const double batches0 = metric("labelflow_store_batches_total");
  const double final0 = finalized();
  const Result work = load(Phase::take_submit);
  const double commits = metric("labelflow_store_commits_total") - commits0;
  const double batches = metric("labelflow_store_batches_total") - batches0;
  const double rows_final = finalized() - final0;
  const Result healthz = load(Phase::healthz);
  std::optional<Result> nginx;
  if (nginx_port != 0) nginx = load(Phase::nginx);

  auto rate = [&](long n) { return static_cast<double>(n) / seconds; };
  std::printf("rows imported: %d in %.2f s (%.0f rows/s, through HTTP and the storage plugin)\n",
              rows, import_s, rows / import_s);
  std::printf("take+submit (%zu simulated reviewers, keep-alive, durable acks):\n",
              kReviewers.size());
  std::printf("  %.0f requests/s, %.0f take+submit pairs/s, %.0f rows finalized/s\n",
              rate(work.requests), rate(work.pairs), rows_final / seconds);
  std::printf("  latency p50 %.2f ms, p99 %.2f ms\n", percentile(work, 0.5) / 1000,
              percentile(work, 0.99) / 1000);
  std::printf("  %.0f durable commits/s, %.1f batches per commit on average\n", commits / seconds,
              commits > 0 ? batches / commits : 0.0);
  std::printf("  daemon peak RSS %.1f MiB\n", peak_rss_kib(daemon_process.pid()) / 1024.0);
  std::printf("/healthz: %.0f requests/s (same clients), p50 %.2f ms, p99 %.2f ms\n",
              rate(healthz.requests), percentile(healthz, 0.5) / 1000,
              percentile(healthz, 0.99) / 1000);
  if (nginx) {
    std::printf("nginx fixed 200 on 127.0.0.1:%u: %.0f requests/s (same clients)\n", nginx_port,
                rate(nginx->requests));
    std::printf("ratio /healthz / nginx: %.2f (target >= 0.5)\n",
                static_cast<double>(healthz.requests) / static_cast<double>(nginx->requests));
  }
  std::printf("ratio take+submit requests / healthz requests: %.2f (target >= 0.5)\n",
              static_cast<double>(work.requests) / static_cast<double>(healthz.requests));
  std::printf("ratio take+submit pairs / healthz requests: %.2f\n",
              static_cast<double>(work.pairs) / static_cast<double>(healthz.requests));
  daemon_process.signal(SIGTERM);
  daemon_process.wait(std::chrono::seconds(20));
  fs::remove_all(dir);
  return 0;
}
