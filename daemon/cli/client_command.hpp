// What every client command shares (DESIGN section 5, fixed): `--url` (env LABELFLOW_URL,
// default http://127.0.0.1:8080), the token from LABELFLOW_TOKEN only (never a flag, never
// printed), `--json` to print the server's JSON instead of tables, `--help`, and the exit codes:
// 1 for a server or network error (printed as "labelflow: 409 lease_conflict: message" plus one
// line per detail), 2 for usage or bad input.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "cli/arguments.hpp"
#include "cli/exit_codes.hpp"
#include "cli/http_client.hpp"

namespace labelflow::cli {

inline constexpr std::string_view kDefaultUrl = "http://127.0.0.1:8080";

// The text every client command's --help ends with.
extern const std::string_view kClientOptionsHelp;

// A server reply that got past the error checks: a 2xx status.
struct Reply {
  int exit = kExitOk;  // kExitOk, or the code to return when the request failed
  HttpResponse response;
  bool ok() const { return exit == kExitOk; }
};

class ClientCommand {
 public:
  // `name` as typed ("submit", "project pause"); `positionals` = {min, max} count.
  ClientCommand(std::string_view name, std::string_view usage, std::ostream& out, std::ostream& err,
                std::set<std::string, std::less<>> value_flags,
                std::set<std::string, std::less<>> switches, std::size_t min_positionals,
                std::size_t max_positionals);

  // Parses the arguments, the URL and the token. Returns an exit code when the command must stop
  // here (0 after --help, 2 after a usage error, already printed), nullopt to go on.
  std::optional<int> parse(std::span<const std::string> args);

  const Arguments& args() const { return args_; }
  const std::string& positional(std::size_t i) const { return args_.positionals().at(i); }
  std::size_t positional_count() const { return args_.positionals().size(); }
  bool json() const { return args_.has("--json"); }

  // Prints "labelflow NAME: message" and the usage hint; returns kExitUsage.
  int usage_error(const std::string& message) const;

  // Sends the request. A network failure or a non-2xx status is printed (with --json the
  // server's JSON error body also goes to stdout) and gives exit 1 in Reply::exit.
  Reply call(std::string_view method, const std::string& target,
             std::optional<std::string> body = {});

  // The 2xx body as JSON; nullopt (message printed, exit 1) when it is not valid JSON.
  std::optional<boost::json::value> parse_body(const Reply& reply) const;

  // With --json: prints the server's body as it came (one trailing newline) and returns true.
  bool print_raw_if_json(const Reply& reply) const;

  std::ostream& out() const { return out_; }
  std::ostream& err() const { return err_; }

 private:
  std::ostream& out_;
  std::ostream& err_;
  std::string name_;
  std::string_view usage_;
  Arguments args_;
  std::size_t min_positionals_;
  std::size_t max_positionals_;
  std::unique_ptr<HttpClient> client_;
};

// "labelflow: 409 lease_conflict: message" and "  /labels/x: detail" lines, from an error body
// in the documented shape; other bodies are quoted briefly.
void print_server_error(std::ostream& err, const HttpResponse& response);

}  // namespace labelflow::cli
