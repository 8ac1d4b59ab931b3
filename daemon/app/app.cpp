#include "app/app.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <csignal>

#include "api/routes.hpp"
#include "api/server.hpp"
#include "service/application.hpp"
#include "service/support/tz_offset.hpp"
#include "store/sqlite_store.hpp"
#include "webhooks/dispatcher.hpp"

#if !defined(LABELFLOW_WEB_DIRS)
#error "the build defines LABELFLOW_WEB_DIRS"
#endif

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

// The reviewer UI: the source tree's web/ for a build-tree binary, else the installed one.
std::optional<std::filesystem::path> web_root() {
  for (const char* dir : {LABELFLOW_WEB_DIRS}) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return std::filesystem::path(dir);
  }
  return std::nullopt;
}

}  // namespace

App::App(config::Config config, std::filesystem::path config_file,
         std::filesystem::path default_plugin_dir)
    : config_(std::make_shared<const config::Config>(std::move(config))),
      config_file_(std::move(config_file)),
      default_plugin_dir_(std::move(default_plugin_dir)),
      registry_(std::make_unique<plugin_host::Registry>()),
      signals_(io_, SIGTERM, SIGINT, SIGHUP) {}

// Order matters: the server calls the service, the service uses the store and the plugin
// objects, which must go before the registry that holds their libraries.
App::~App() {
  if (server_) server_->stop();
  server_.reset();
  api_.reset();
  webhooks_.reset();  // uses the store and the service's configuration
  if (service_) service_->stop();
  service_.reset();
  store_.reset();
  plugins_ = {};
}

bool App::start() {
  config::Diagnostics diags;
  config::load_plugins(config_->daemon, default_plugin_dir_, *registry_, diags);
  plugins_ = config::create_plugin_objects(*config_, *registry_, diags);
  log_diagnostics(diags);
  if (diags.has_errors()) {
    spdlog::error("cannot start: {} configuration error(s) with plugins", diags.error_count());
    return false;
  }
  const auto& d = config_->daemon;
  spdlog::info("{} plugin(s) loaded; {} storage instance(s), {} reviewer(s), {} project(s)",
               registry_->plugins().size(), plugins_.storage.size(),
               config_->reviewers.reviewers.size(), config_->projects.size());
  for (const auto& p : config_->projects) {
    spdlog::info("project '{}': {} label(s), {} stage(s), {} member(s)", p.id, p.labels.size(),
                 p.pipeline.size(), p.members.size());
  }
  spdlog::info("state {}, listen {}:{}, timezone {}, admin token {}", d.state.string(),
               d.listen_host, d.listen_port, d.timezone, d.admin_token.describe());
  try {
    if (!start_serving()) return false;
  } catch (const std::exception& e) {
    spdlog::error("cannot start: {}", e.what());
    return false;
  }
  wait_for_signal();
  return true;
}

bool App::start_serving() {
  const auto& d = config_->daemon;
  std::error_code ec;
  if (d.state.has_parent_path()) std::filesystem::create_directories(d.state.parent_path(), ec);
  store::SqliteOptions store_options;
  auto& group_sizes =
      metrics_.histogram("labelflow_store_batches_per_commit",
                         "Batches carried by each durable transaction (group commit sizes)",
                         {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096});
  store_options.on_group = [&group_sizes](std::size_t n) {
    group_sizes.observe(static_cast<double>(n));
  };
  store_ = std::make_unique<store::SqliteStateStore>(d.state.string(), std::move(store_options));

  service::ApplicationOptions options;
  for (const auto& p : registry_->plugins()) options.plugin_versions[p.name] = p.version;
  // Backup copies beside the database: same file system, writable under the systemd unit.
  options.backup_dir = d.state.has_parent_path() ? d.state.parent_path() : ".";
  std::string tz_error;
  options.utc_offset = service::utc_offset_fn(d.timezone, tz_error);
  if (!tz_error.empty()) spdlog::warn("{}", tz_error);
  options.metrics = &metrics_;
  options.reload.loader = [this](std::vector<std::string>& errors) -> std::optional<service::Loaded> {
    config::Diagnostics diags;
    auto cfg = std::make_shared<config::Config>(config::load_config(config_file_, diags));
    service::Loaded loaded;
    if (!diags.has_errors())
      loaded.plugins = config::create_plugin_objects(*cfg, *registry_, diags);
    for (const auto& dg : diags.sorted()) {
      if (dg.severity == config::Severity::error) errors.push_back(dg.to_string());
    }
    if (!errors.empty()) return std::nullopt;
    loaded.config = std::move(cfg);
    return loaded;
  };
  options.reload.apply_credentials = [this](std::vector<service::Credential> credentials) {
    return apply_credentials(std::move(credentials));
  };
  service::Loaded initial{config_, plugins_};
  service_ = std::make_unique<service::Application>(*store_, std::move(initial), std::move(options));
  service_->start();

  // Webhook deliveries from the store's outbox; the secret is read from the running
  // configuration at each attempt, so a reload's rotated secret applies to pending ones.
  webhooks::DispatcherOptions hooks;
  hooks.metrics = &metrics_;
  webhooks_ = std::make_unique<webhooks::Dispatcher>(
      *store_,
      [svc = service_.get()](const std::string& project, const std::string& url) {
        return svc->webhook_secret(project, url);
      },
      hooks);

  std::vector<std::string> problems;
  auto credentials = service::credentials(*config_, problems);
  for (const auto& p : problems) spdlog::warn("{}", p);
  spdlog::info("{} bearer token(s) loaded", apply_credentials(std::move(credentials)));

  api::RoutesOptions api_options;
  api_options.web_root = web_root();
  api_options.widget_dirs = d.plugin_dirs.empty()
                                ? std::vector<std::filesystem::path>{default_plugin_dir_}
                                : d.plugin_dirs;
  api_ = std::make_unique<api::Routes>(*service_, auth_, lifecycle_, metrics_, api_options);

  api::ServerOptions server_options;
  server_options.address = d.listen_host;
  server_options.port = d.listen_port;
  server_options.io_threads = static_cast<unsigned>(std::max<std::int64_t>(1, d.http.threads));
  // The task calls free their worker while their commit waits (the store batches every commit
  // in flight); the rest (reports, rows, backups) may block on reads. Measured with
  // bench/service/take_submit: fewer workers (8) lowered take+submit throughput.
  server_options.worker_threads = std::max(32u, 4 * server_options.io_threads);
  server_options.limits.max_body_bytes = static_cast<std::size_t>(d.http.max_body_bytes);
  server_options.limits.max_header_bytes = static_cast<std::size_t>(d.http.max_header_bytes);
  server_options.limits.request_timeout = std::chrono::seconds(d.http.request_timeout_seconds);
  server_options.limits.max_connections = static_cast<std::size_t>(d.http.max_connections);
  server_options.trusted_proxies = d.http.trusted_proxies;
  server_ = std::make_unique<api::Server>(server_options, *api_, lifecycle_, metrics_);
  server_->start();
  lifecycle_.set(api::Lifecycle::Phase::ready);
  // Tests and scripts wait for this line to learn the port (listen = "...:0").
  spdlog::info("listening on {}:{}; ready; UI at http://{}:{}/", d.listen_host, server_->port(),
               d.listen_host, server_->port());
  return true;
}

void App::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled by stop()
    if (signal == SIGHUP) {
      spdlog::info("received SIGHUP, reloading the configuration");
      reload();
      wait_for_signal();
      return;
    }
    spdlog::info("received {}, shutting down", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    stop();
  });
}

void App::reload() {
  if (!service_) return;
  auto result = service_->reload_configuration();
  if (!result.ok()) spdlog::error("reload refused: {}", result.error().message);
}

std::size_t App::apply_credentials(std::vector<service::Credential> credentials) {
  api::TokenTable table;
  for (auto& c : credentials) {
    try {
      table.add(c.token, c.who);
    } catch (const std::invalid_argument& e) {
      spdlog::warn("{}: token refused: {}", c.describe, e.what());
    }
  }
  const std::size_t accepted = table.size();
  auth_.replace(std::move(table));
  return accepted;
}

int App::run() {
  spdlog::info("labelflowd running (pid {})", static_cast<long>(::getpid()));
  io_.run();
  if (server_ && !drained_) {
    drained_ = true;
    const bool clean = server_->drain(kDrainDeadline);
    if (!clean) spdlog::warn("drain deadline passed; some requests were abandoned");
  }
  if (service_) service_->stop();  // the import stops after its batch; the exporter flushes
  spdlog::info("labelflowd stopped");
  return 0;
}

void App::stop() {
  boost::asio::post(io_, [this] {
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    io_.stop();
  });
}

}  // namespace labelflow::app
