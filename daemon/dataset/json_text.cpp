#include "dataset/json_text.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON has no NaN or infinity
    return;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  out += text;
  // Keep it a floating-point number for readers that care: "1" -> "1.0".
  if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

}  // namespace

void append_json(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::double_: append_double(out, value.get_double()); return;
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(kv.key());
        out += ':';
        append_json(out, kv.value());
      }
      out += '}';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    default: out += json::serialize(value); return;
  }
}

std::string to_json_text(const json::value& value) {
  std::string out;
  append_json(out, value);
  return out;
}

}  // namespace labelflow::dataset
