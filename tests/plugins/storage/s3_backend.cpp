// Runs the contract suite against storage_s3 through the SigV4-checking proxy, so every
// request of the suite also proves its signature right.
#include "s3_backend.hpp"

#include "s3_storage.hpp"
#include "storage_contract.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>

namespace labelflow::storage_test {

const S3Servers& s3_servers() {
  static const S3Servers servers = [] {
    S3Servers s;
    const char* state = std::getenv("LABELFLOW_S3_STATE");
    INFO("LABELFLOW_S3_STATE names the fixture's state directory");
    REQUIRE(state != nullptr);
    s.state_dir = state;
    s.ctl = LABELFLOW_SOURCE_DIR "/tests/runtime/s3/s3rver_ctl";
    std::ifstream in(s.state_dir + "/env");
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string name = line.substr(0, eq);
      std::string value = line.substr(eq + 1);
      if (name == "S3_PORT") s.s3_port = std::stoi(value);
      if (name == "PROXY_PORT") s.proxy_port = std::stoi(value);
      if (name == "BUCKET") s.bucket = value;
    }
    INFO("s3rver fixture state in " << s.state_dir << " (run the runtime/s3rver/setup test)");
    REQUIRE(s.s3_port > 0);
    REQUIRE(s.proxy_port > 0);
    ::setenv("LF_TEST_S3_KEY", "S3RVER", 1);
    ::setenv("LF_TEST_S3_SECRET", "S3RVER", 1);
    return s;
  }();
  return servers;
}

boost::json::object s3_options(int port) {
  static std::atomic<int> counter{0};
  static const unsigned run = std::random_device{}();
  return {{"bucket", s3_servers().bucket},
          {"prefix", "suite-" + std::to_string(run) + "-" + std::to_string(counter++) + "/"},
          {"endpoint", "http://127.0.0.1:" + std::to_string(port)},
          {"path_style", true},
          {"region", "us-east-1"},
          {"access_key_env", "LF_TEST_S3_KEY"},
          {"secret_key_env", "LF_TEST_S3_SECRET"},
          {"connect_timeout_ms", 5000},
          {"timeout_ms", 120000},
          {"max_retries", 3}};
}

bool s3_ctl(const std::string& command) {
  std::string line = "'" + s3_servers().ctl + "' " + command + " '" + s3_servers().state_dir + "'";
  return std::system(line.c_str()) == 0;
}

const SuiteBackend& suite_backend() {
  static const SuiteBackend backend{"s3", [] {
    auto storage = std::make_shared<storage_s3::S3Storage>();
    auto errors = storage->configure(s3_options(s3_servers().proxy_port));
    std::string problems;
    for (const auto& e : errors) problems += e.key + ": " + e.message + "\n";
    INFO(problems);
    REQUIRE(errors.empty());
    return storage;
  }, /*exact_byte_order=*/false};
  return backend;
}

}  // namespace labelflow::storage_test
