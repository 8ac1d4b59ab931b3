#include "dataset/row_checks.hpp"

#include <boost/json/stream_parser.hpp>

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

const char* type_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "a list";
    case json::kind::object: return "an object";
  }
  return "unknown";
}

sdk::Status wrong_type(std::string_view field, const char* expected, const json::value& got) {
  return sdk::Status::invalid("'" + std::string(field) + "' must be " + expected + ", got " +
                              type_name(got));
}

sdk::Status read_string(const json::object& line, std::string_view key, std::string& out) {
  auto it = line.find(key);
  if (it == line.end()) return sdk::Status::ok();
  if (!it->value().is_string()) return wrong_type(key, "a string", it->value());
  out = std::string(it->value().as_string());
  return sdk::Status::ok();
}

sdk::Status read_object(const json::object& line, std::string_view key, json::object& out) {
  auto it = line.find(key);
  if (it == line.end()) return sdk::Status::ok();
  if (!it->value().is_object()) return wrong_type(key, "an object", it->value());
  out = it->value().as_object();
  return sdk::Status::ok();
}

}  // namespace

sdk::Result<json::object> parse_object(std::string_view text) {
  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t used = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return sdk::Status::invalid("not valid JSON at byte " + std::to_string(used + 1) + ": " +
                                ec.message());
  }
  json::value value = parser.release();
  if (!value.is_object()) {
    return sdk::Status::invalid(std::string("a row must be a JSON object, got ") +
                                type_name(value));
  }
  return std::move(value.as_object());
}

sdk::Status read_common_fields(const json::object& line, core::RowContent& row) {
  if (auto it = line.find("id"); it != line.end()) {
    if (!it->value().is_string()) return wrong_type("id", "a string", it->value());
    row.id = std::string(it->value().as_string());
  }
  if (auto s = read_string(line, "context", row.context); !s) return s;
  if (auto s = read_string(line, "query", row.query); !s) return s;
  if (auto s = read_object(line, "auto_labels", row.auto_labels); !s) return s;
  return read_object(line, "metadata", row.metadata);
}

sdk::Status check_row(const core::RowContent& row) {
  if (row.id.empty()) return sdk::Status::invalid("'id' must be a non-empty string");
  if (auto it = row.metadata.find("domain"); it != row.metadata.end()) {
    const json::value& d = it->value();
    if (d.is_string()) {
      if (d.as_string().empty()) return sdk::Status::invalid("'metadata.domain' is empty");
    } else if (d.is_array()) {
      for (std::size_t i = 0; i < d.as_array().size(); ++i) {
        const auto& item = d.as_array()[i];
        if (!item.is_string() || item.as_string().empty()) {
          return sdk::Status::invalid("'metadata.domain[" + std::to_string(i) +
                                      "]' must be a non-empty string");
        }
      }
    } else {
      return wrong_type("metadata.domain", "a string or a list of strings", d);
    }
  }
  if (auto it = row.metadata.find("priority"); it != row.metadata.end()) {
    const json::value& p = it->value();
    bool integer = p.is_int64() || (p.is_uint64() && p.as_uint64() <= INT64_MAX);
    if (!integer) return wrong_type("metadata.priority", "an integer", p);
  }
  return sdk::Status::ok();
}

sdk::Result<core::RowContent> row_from_json(const json::object& line) {
  static const char* const kFields[] = {"id",       "context",     "query",
                                        "response", "auto_labels", "metadata"};
  for (const auto& kv : line) {
    bool known = false;
    for (const char* f : kFields) known = known || kv.key() == f;
    if (!known) {
      return sdk::Status::invalid("unknown key '" + std::string(kv.key()) +
                                  "' (a row has id, context, query, response, auto_labels, "
                                  "metadata)");
    }
  }
  core::RowContent row;
  if (!line.contains("id")) return sdk::Status::invalid("'id' is required");
  if (auto it = line.find("response"); it == line.end()) {
    return sdk::Status::invalid("'response' is required");
  } else if (!it->value().is_string()) {
    return wrong_type("response", "a string", it->value());
  } else {
    row.response = std::string(it->value().as_string());
  }
  if (auto s = read_common_fields(line, row); !s) return s;
  if (auto s = check_row(row); !s) return s;
  return row;
}

}  // namespace labelflow::dataset
