// App: the running daemon. Owns the io_context every long-lived component runs on (signals
// now; the HTTP server and the engine's timers join it later), the loaded configuration and
// the plugin objects made from it.
//
//   App app(std::move(config), default_plugin_dir);
//   if (!app.start()) return 1;   // loads plugins and creates plugin objects; logs each problem
//   return app.run();             // until SIGTERM/SIGINT or stop()
//
// Thread safety: start() and run() from one thread; stop() from any thread.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "config/config.hpp"
#include "config/plugin_check.hpp"
#include "plugin_host/registry.hpp"

namespace labelflow::app {

class App {
 public:
  App(config::Config config, std::filesystem::path default_plugin_dir);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Loads the plugin libraries and creates every configured plugin object. Returns false, after
  // logging every problem as PATH:LINE:COL: error ID: message, when the daemon cannot run.
  bool start();
  // Runs the io_context on [http] threads threads until a stop is requested; returns the
  // process exit code (0 on a clean stop).
  int run();
  // Requests a clean stop; safe from any thread and from signal-triggered handlers. The stop
  // handlers run once, in registration order, on the io_context; then the io_context stops.
  void stop();
  // Registers what a component must do before the io_context stops (close an acceptor, flush a
  // queue). Call before run().
  void on_stop(std::function<void()> handler);

  boost::asio::io_context& io_context() noexcept { return io_; }
  const config::Config& config() const noexcept { return config_; }
  const plugin_host::Registry& registry() const noexcept { return *registry_; }
  const config::PluginObjects& plugins() const noexcept { return plugins_; }

 private:
  void wait_for_signal();

  config::Config config_;
  std::filesystem::path default_plugin_dir_;
  std::unique_ptr<plugin_host::Registry> registry_;
  config::PluginObjects plugins_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::vector<std::function<void()>> stop_handlers_;
  std::atomic<bool> stopping_{false};  // io threads may run two posted stops at once
};

}  // namespace labelflow::app
