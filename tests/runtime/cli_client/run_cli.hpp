// Runs the real `labelflow` binary with a clean environment (LABELFLOW_URL / LABELFLOW_TOKEN
// only as given) and captures its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace labelflow::test {

inline constexpr const char* kToken = "tok-5e9a1c77b2d04f6e8a13";

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::filesystem::path scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("labelflow_cli_client_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string write_file(const std::string& name, const std::string& content) {
  auto p = scratch() / name;
  std::ofstream(p) << content;
  return p.string();
}

// `url` empty: LABELFLOW_URL unset; `token` empty: LABELFLOW_TOKEN unset. `stdin_file` feeds
// stdin (default /dev/null).
inline Run run_labelflow(const std::vector<std::string>& args, const std::string& url,
                         const std::string& token = kToken, const std::string& stdin_file = "") {
  // Proxy variables unset too: the requests must go straight to the loopback test server.
  std::string command =
      "env -u LABELFLOW_URL -u LABELFLOW_TOKEN -u http_proxy -u HTTP_PROXY -u https_proxy "
      "-u HTTPS_PROXY -u all_proxy -u ALL_PROXY";
  if (!url.empty()) command += " LABELFLOW_URL=" + quote(url);
  if (!token.empty()) command += " LABELFLOW_TOKEN=" + quote(token);
  command += " " + quote(LABELFLOW_CLI);
  for (const auto& a : args) command += " " + quote(a);
  const auto out = scratch() / "stdout", err = scratch() / "stderr";
  command += " <" + quote(stdin_file.empty() ? "/dev/null" : stdin_file);
  command += " >" + quote(out.string()) + " 2>" + quote(err.string());
  int status = std::system(command.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline boost::json::value parse(const std::string& text) { return boost::json::parse(text); }

}  // namespace labelflow::test
