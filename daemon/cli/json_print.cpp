#include "cli/json_print.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace labelflow::cli {

void print_json(std::ostream& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out << '{';
      bool first = true;
      for (const auto& kv : value.as_object()) {
        if (!first) out << ',';
        first = false;
        out << boost::json::serialize(boost::json::value(kv.key())) << ':';
        print_json(out, kv.value());
      }
      out << '}';
      return;
    }
    case boost::json::kind::array: {
      out << '[';
      bool first = true;
      for (const auto& v : value.as_array()) {
        if (!first) out << ',';
        first = false;
        print_json(out, v);
      }
      out << ']';
      return;
    }
    case boost::json::kind::double_: {
      double d = value.as_double();
      if (!std::isfinite(d)) {
        out << "null";  // JSON has no NaN or infinity
        return;
      }
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
      out.write(buffer, result.ptr - buffer);
      return;
    }
    default:
      out << boost::json::serialize(value);
  }
}

}  // namespace labelflow::cli
