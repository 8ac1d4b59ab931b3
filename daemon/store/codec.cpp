#include "store/codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "store/state_store.hpp"

namespace labelflow::store {
namespace {

boost::json::value parse(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec) throw StoreError("corrupt JSON column in the state database: " + ec.message());
  return v;
}

}  // namespace

std::string to_json(const boost::json::object& o) { return boost::json::serialize(o); }

boost::json::object object_from(const std::string& text) {
  auto v = parse(text);
  if (!v.is_object()) throw StoreError("corrupt JSON column: expected an object");
  return std::move(v.as_object());
}

std::string to_json(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return boost::json::serialize(a);
}

std::vector<std::string> strings_from(const std::string& text) {
  std::vector<std::string> out;
  auto v = parse(text);
  if (!v.is_array()) throw StoreError("corrupt JSON column: expected an array");
  for (const auto& s : v.as_array()) {
    if (s.is_string()) out.emplace_back(s.get_string());
  }
  return out;
}

std::string to_json(const std::map<std::string, double>& m) {
  boost::json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return boost::json::serialize(o);
}

std::map<std::string, double> scores_from(const std::string& text) {
  std::map<std::string, double> out;
  for (const auto& kv : object_from(text)) {
    if (kv.value().is_number()) out[kv.key()] = kv.value().to_number<double>();
  }
  return out;
}

std::string to_json(const std::map<std::string, core::LabelStatus>& m) {
  boost::json::object o;
  for (const auto& [k, v] : m) o[k] = core::to_string(v);
  return boost::json::serialize(o);
}

std::map<std::string, core::LabelStatus> statuses_from(const std::string& text) {
  std::map<std::string, core::LabelStatus> out;
  for (const auto& kv : object_from(text)) {
    const auto s = kv.value().is_string() ? std::string(kv.value().get_string()) : "";
    out[kv.key()] = s == "confirmed"   ? core::LabelStatus::confirmed
                    : s == "corrected" ? core::LabelStatus::corrected
                                       : core::LabelStatus::no_auto_label;
  }
  return out;
}

}  // namespace labelflow::store
