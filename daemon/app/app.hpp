// App: the running daemon. Wires the modules together: the plugin registry and the plugin
// objects of the configuration, the SQLite StateStore, the application service (one engine per
// project, rebuilt from the store), the bearer-token table and the HTTP server. Its own
// io_context only waits for signals: SIGTERM/SIGINT drain and stop, SIGHUP reloads.
//
//   App app(std::move(config), config_file, default_plugin_dir);
//   if (!app.start()) return 1;   // logs each problem; false when the daemon cannot run
//   return app.run();             // until SIGTERM/SIGINT or stop()
//
// Shutdown: /readyz turns 503, the server stops accepting and lets requests in flight finish
// (at most kDrainDeadline), the import worker stops after its batch, the exporter flushes, the
// store completes every queued commit; run() then returns 0.
//
// Thread safety: start() and run() from one thread; stop() and reload() from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <filesystem>
#include <memory>

#include "api/auth.hpp"
#include "service/runtime/credentials.hpp"
#include "api/lifecycle.hpp"
#include "config/config.hpp"
#include "config/plugin_check.hpp"
#include "metrics/registry.hpp"
#include "plugin_host/registry.hpp"

namespace labelflow::api {
class Routes;
class Server;
}  // namespace labelflow::api
namespace labelflow::store {
class SqliteStateStore;
}
namespace labelflow::webhooks {
class Dispatcher;
}  // namespace labelflow::webhooks
namespace labelflow::service {
class Application;
}

namespace labelflow::app {

inline constexpr std::chrono::seconds kDrainDeadline{10};

class App {
 public:
  App(config::Config config, std::filesystem::path config_file,
      std::filesystem::path default_plugin_dir);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Loads plugins, opens the store, rebuilds the engines, starts serving. Returns false, after
  // logging every problem, when the daemon cannot run.
  bool start();
  // Serves until a stop is requested; returns the process exit code (0 on a clean stop).
  int run();
  // Requests a clean stop; safe from any thread and from signal-triggered handlers.
  void stop();
  // Re-reads reviewers and projects (SIGHUP); the running configuration stays on any error.
  void reload();

  boost::asio::io_context& io_context() noexcept { return io_; }
  const config::Config& config() const noexcept { return *config_; }
  const plugin_host::Registry& registry() const noexcept { return *registry_; }

 private:
  void wait_for_signal();
  bool start_serving();
  // The credentials of a configuration as the HTTP layer's token table: the number accepted
  // (a refused one, too short or shared, is logged by name, never by value).
  std::size_t apply_credentials(std::vector<service::Credential> credentials);

  std::shared_ptr<const config::Config> config_;
  std::filesystem::path config_file_;
  std::filesystem::path default_plugin_dir_;
  std::unique_ptr<plugin_host::Registry> registry_;
  config::PluginObjects plugins_;
  metrics::Registry metrics_;
  api::Lifecycle lifecycle_;
  api::Authenticator auth_;
  std::unique_ptr<store::SqliteStateStore> store_;
  std::unique_ptr<service::Application> service_;
  std::unique_ptr<api::Routes> api_;
  std::unique_ptr<api::Server> server_;
  std::unique_ptr<webhooks::Dispatcher> webhooks_;  // after store_/service_: stops first
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  bool drained_ = false;
};

}  // namespace labelflow::app
