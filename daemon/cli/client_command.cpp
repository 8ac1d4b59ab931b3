#include "cli/client_command.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>

#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kClientOptionsHelp =
    "common options:\n"
    "  --url URL   the daemon (env LABELFLOW_URL; default http://127.0.0.1:8080)\n"
    "  --json      print the server's JSON instead of a table\n"
    "  --help      this text\n"
    "The token is read from the environment variable LABELFLOW_TOKEN (never a flag).\n"
    "exit codes: 0 ok, 1 server or network error, 2 usage or bad input, 3 nothing to do\n";

namespace {

std::set<std::string, std::less<>> with_common(std::set<std::string, std::less<>> flags,
                                               std::initializer_list<const char*> common) {
  for (const char* c : common) flags.insert(c);
  return flags;
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

ClientCommand::ClientCommand(std::string_view name, std::string_view usage, std::ostream& out,
                             std::ostream& err, std::set<std::string, std::less<>> value_flags,
                             std::set<std::string, std::less<>> switches,
                             std::size_t min_positionals, std::size_t max_positionals)
    : out_(out),
      err_(err),
      name_(name),
      usage_(usage),
      args_(with_common(std::move(value_flags), {"--url"}),
            with_common(std::move(switches), {"--json", "--help"}), true),
      min_positionals_(min_positionals),
      max_positionals_(max_positionals) {}

int ClientCommand::usage_error(const std::string& message) const {
  err_ << "labelflow " << name_ << ": " << message << "\n"
       << "run 'labelflow " << name_ << " --help' for usage\n";
  return kExitUsage;
}

std::optional<int> ClientCommand::parse(std::span<const std::string> args) {
  if (auto problem = args_.parse(args)) return usage_error(*problem);
  if (args_.has("--help")) {
    out_ << usage_ << "\n\n" << kClientOptionsHelp;
    return kExitOk;
  }
  const auto& pos = args_.positionals();
  if (pos.size() < min_positionals_) {
    return usage_error("missing argument; " + std::string(usage_.substr(0, usage_.find('\n'))));
  }
  if (pos.size() > max_positionals_) {
    return usage_error("unexpected argument '" + pos[max_positionals_] + "'");
  }
  for (const auto& p : pos) {
    if (p.empty()) return usage_error("an empty argument is not a valid id");
  }
  std::string url = args_.value("--url").value_or(env("LABELFLOW_URL"));
  if (url.empty()) url = kDefaultUrl;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return usage_error("--url must start with http:// or https:// (got '" + url + "')");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    return usage_error("--url must be the daemon's address without a query (got '" + url + "')");
  }
  std::string token = env("LABELFLOW_TOKEN");
  if (token.empty()) {
    return usage_error("LABELFLOW_TOKEN is not set; put your reviewer or admin token in it");
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    return usage_error("LABELFLOW_TOKEN contains a line break");
  }
  client_ = std::make_unique<HttpClient>(url, token);
  return std::nullopt;
}

Reply ClientCommand::call(std::string_view method, const std::string& target,
                          std::optional<std::string> body) {
  Reply reply;
  auto result = client_->request(method, target, std::move(body));
  if (auto* failure = std::get_if<std::string>(&result)) {
    err_ << "labelflow: " << *failure << "\n";
    reply.exit = kExitServer;
    return reply;
  }
  reply.response = std::move(std::get<HttpResponse>(result));
  if (reply.response.status < 200 || reply.response.status > 299) {
    print_server_error(err_, reply.response);
    if (json()) {
      boost::system::error_code ec;
      boost::json::parse(reply.response.body, ec);
      if (!ec) print_raw_if_json(reply);
    }
    reply.exit = kExitServer;
  }
  return reply;
}

std::optional<boost::json::value> ClientCommand::parse_body(const Reply& reply) const {
  boost::system::error_code ec;
  auto value = boost::json::parse(reply.response.body, ec);
  if (ec) {
    err_ << "labelflow: " << reply.response.status
         << " from the server, but its body is not valid JSON (" << ec.message()
         << "): " << excerpt(reply.response.body, 120) << "\n";
    return std::nullopt;
  }
  return value;
}

bool ClientCommand::print_raw_if_json(const Reply& reply) const {
  if (!json()) return false;
  out_ << reply.response.body;
  if (reply.response.body.empty() || reply.response.body.back() != '\n') out_ << "\n";
  return true;
}

void print_server_error(std::ostream& err, const HttpResponse& response) {
  boost::system::error_code ec;
  auto value = boost::json::parse(response.body, ec);
  const boost::json::object* error = nullptr;
  if (!ec && value.is_object()) {
    if (const auto* e = value.as_object().if_contains("error"); e && e->is_object()) {
      error = &e->as_object();
    }
  }
  if (!error) {
    err << "labelflow: " << response.status << " from the server";
    if (!response.body.empty()) err << ": " << excerpt(response.body, 200);
    err << "\n";
    return;
  }
  err << "labelflow: " << response.status << " " << cell(*error, "code") << ": "
      << cell(*error, "message") << "\n";
  if (const auto* details = error->if_contains("details"); details && details->is_array()) {
    for (const auto& d : details->as_array()) {
      err << "  " << cell(d, "path") << ": " << cell(d, "message") << "\n";
    }
  }
}

}  // namespace labelflow::cli
