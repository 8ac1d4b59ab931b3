#include "app/app.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <csignal>
#include <thread>

namespace labelflow::app {
namespace {

void log_diagnostics(const config::Diagnostics& diags) {
  for (const auto& d : diags.sorted()) {
    if (d.severity == config::Severity::error)
      spdlog::error("{}", d.to_string());
    else
      spdlog::warn("{}", d.to_string());
  }
}

}  // namespace

App::App(config::Config config, std::filesystem::path default_plugin_dir)
    : config_(std::move(config)),
      default_plugin_dir_(std::move(default_plugin_dir)),
      registry_(std::make_unique<plugin_host::Registry>()),
      signals_(io_, SIGTERM, SIGINT) {}

// Plugin objects must go before the registry that holds their libraries.
App::~App() { plugins_ = {}; }

bool App::start() {
  config::Diagnostics diags;
  config::load_plugins(config_.daemon, default_plugin_dir_, *registry_, diags);
  plugins_ = config::create_plugin_objects(config_, *registry_, diags);
  log_diagnostics(diags);
  if (diags.has_errors()) {
    spdlog::error("cannot start: {} configuration error(s) with plugins", diags.error_count());
    return false;
  }
  const auto& d = config_.daemon;
  spdlog::info("{} plugin(s) loaded; {} storage instance(s), {} reviewer(s), {} project(s)",
               registry_->plugins().size(), plugins_.storage.size(),
               config_.reviewers.reviewers.size(), config_.projects.size());
  for (const auto& p : config_.projects) {
    spdlog::info("project '{}': {} label(s), {} stage(s), {} member(s)", p.id, p.labels.size(),
                 p.pipeline.size(), p.members.size());
  }
  spdlog::info("state {}, listen {}:{}, timezone {}, admin token {}", d.state.string(),
               d.listen_host, d.listen_port, d.timezone, d.admin_token.describe());
  wait_for_signal();
  return true;
}

void App::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled by stop()
    spdlog::info("received {}, shutting down", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    stop();
  });
}

int App::run() {
  const auto threads =
      static_cast<std::size_t>(std::max<std::int64_t>(1, config_.daemon.http.threads));
  spdlog::info("labelflowd running (pid {}, {} io thread(s))", static_cast<long>(::getpid()),
               threads);
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : pool) t.join();
  spdlog::info("labelflowd stopped");
  return 0;
}

void App::on_stop(std::function<void()> handler) { stop_handlers_.push_back(std::move(handler)); }

void App::stop() {
  boost::asio::post(io_, [this] {
    if (stopping_.exchange(true)) return;
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    for (auto& handler : stop_handlers_) {
      try {
        handler();
      } catch (const std::exception& e) {
        spdlog::error("error while stopping: {}", e.what());
      }
    }
    io_.stop();
  });
}

}  // namespace labelflow::app
