#include "cli/judgment_reader.hpp"

#include <boost/json/parse.hpp>

#include <fstream>

namespace labelflow::cli {
namespace {

// A string or integer ID as text; empty optional otherwise.
std::optional<std::string> read_id(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  return std::nullopt;
}

}  // namespace

std::variant<JudgmentFile, std::string> read_judgments(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path.string() + ": cannot be opened for reading";
  JudgmentFile file;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = path.string() + ":" + std::to_string(number) + ": ";
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    if (ec) return where + "not valid JSON (" + ec.message() + ")";
    if (!value.is_object()) return where + "expected an object {\"item\", \"rater\", \"label\"}";
    const auto& o = value.as_object();
    for (const auto& kv : o) {
      if (kv.key() != "item" && kv.key() != "rater" && kv.key() != "label") {
        return where + "unknown key \"" + std::string(kv.key()) +
               "\"; expected \"item\", \"rater\" and \"label\"";
      }
    }
    sdk::Judgment j;
    for (const char* key : {"item", "rater"}) {
      auto it = o.find(key);
      if (it == o.end()) return where + "missing \"" + key + "\"";
      auto id = read_id(it->value());
      if (!id) return where + "\"" + key + "\" must be a string or an integer";
      (std::string_view(key) == "item" ? j.item : j.rater) = std::move(*id);
    }
    auto label = o.find("label");
    if (label == o.end()) return where + "missing \"label\"";
    j.label = label->value();
    file.judgments.push_back(std::move(j));
    file.lines.push_back(number);
  }
  if (in.bad()) return path.string() + ": read error after line " + std::to_string(number);
  return file;
}

}  // namespace labelflow::cli
