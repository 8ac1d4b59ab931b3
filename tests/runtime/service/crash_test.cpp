// I7 through the whole daemon: reviewers submit over HTTP while the daemon is killed with
// SIGKILL; after a restart every acknowledged submission is in the store.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <mutex>
#include <thread>

#include "daemon_fixture.hpp"

namespace json = boost::json;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;
using labelflow::test::reviewer_token;
using labelflow::test::valid_labels;

namespace {

struct Ack {
  std::string reviewer, task, row;
};

}  // namespace

TEST_CASE("service: kill -9 during submissions loses no acknowledged review") {
  DaemonSetup setup;
  setup.demo_rows = 40;
  Daemon d(setup);
  d.start();
  REQUIRE(d.import_rows().at("counts").at("inserted").as_int64() == 40);

  std::mutex mu;
  std::vector<Ack> acks;
  std::atomic<bool> done{false};
  auto worker = [&](std::vector<std::string> reviewers) {
    try {
      while (!done) {
        for (const auto& r : reviewers) {
          auto res = d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token(r));
          if (res.status != 200) continue;
          auto task = json::parse(res.body).as_object();
          json::object labels = task.at("kind") == "review"
                                    ? valid_labels(task)
                                    : task.at("reviews").at(0).at("labels").as_object();
          const std::string id(task.at("task").as_string());
          auto sub = d.call("POST", "/v1/tasks/" + id + "/submit", reviewer_token(r),
                            json::serialize(json::object{{"labels", labels}}));
          if (sub.status == 200) {
            std::lock_guard lock(mu);
            acks.push_back({r, id, std::string(task.at("row").at("id").as_string())});
          }
        }
      }
    } catch (const std::exception&) {
      // the daemon is gone: stop
    }
  };
  std::thread t1(worker, std::vector<std::string>{"alice", "carol", "erin"});
  std::thread t2(worker, std::vector<std::string>{"bob", "dave", "frank", "grace"});
  for (int i = 0; i < 400; ++i) {
    {
      std::lock_guard lock(mu);
      if (acks.size() >= 30) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  d.kill9();  // while both clients are mid-request
  done = true;
  t1.join();
  t2.join();
  REQUIRE(acks.size() >= 30);

  d.start();
  std::size_t found = 0;
  for (const auto& a : acks) {
    auto row = d.json_call("GET", "/v1/projects/demo/rows/" + a.row, kAdminToken);
    bool present = false;
    for (const auto& rv : row.at("reviews").as_array()) {
      if (rv.at("task") == a.task.c_str() && rv.at("reviewer") == a.reviewer.c_str()) {
        present = true;
      }
    }
    INFO(a.reviewer << " " << a.task << " " << a.row);
    CHECK(present);
    found += present ? 1 : 0;
  }
  CHECK(found == acks.size());
  // The restarted daemon keeps serving the pipeline.
  bool any = false;
  for (const char* r : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"}) {
    any = any || d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token(r)).status == 200;
  }
  CHECK(any);
  CHECK(d.terminate() == 0);
}

TEST_CASE("service: rows final before a kill -9 are exported after the restart") {
  DaemonSetup setup;
  setup.demo_rows = 3;
  Daemon d(setup);
  d.start();
  d.import_rows();
  for (int round = 0; round < 30; ++round) {
    for (const char* r : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"}) {
      auto res = d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token(r));
      if (res.status != 200) continue;
      auto task = json::parse(res.body).as_object();
      json::object labels = task.at("kind") == "review"
                                ? valid_labels(task)
                                : task.at("reviews").at(0).at("labels").as_object();
      d.json_call("POST", "/v1/tasks/" + std::string(task.at("task").as_string()) + "/submit",
                  reviewer_token(r), json::serialize(json::object{{"labels", labels}}));
    }
  }
  auto progress = d.json_call("GET", "/v1/projects/demo/progress", kAdminToken);
  REQUIRE(progress.at("finalized").as_int64() == 3);
  d.kill9();  // before the 2 s export flush
  d.start();
  std::set<std::string> rows;
  for (int i = 0; i < 100 && rows.size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    rows.clear();
    const auto dir = d.root() / "data/demo/exports";
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(e.path());
      std::string line;
      while (std::getline(in, line)) {
        rows.insert(std::string(json::parse(line).at("row").at("id").as_string()));
      }
    }
  }
  CHECK(rows.size() == 3);
  CHECK(d.terminate() == 0);
}
