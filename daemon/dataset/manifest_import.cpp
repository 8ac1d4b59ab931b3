#include "dataset/manifest_import.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "dataset/row_checks.hpp"

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

constexpr std::string_view kMetadataSuffix = "-metadata";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The text a manifest line judges, from `source` or through `source-ref`.
sdk::Result<std::string> source_text(const json::object& line, const SourceFetcher& fetch) {
  if (auto it = line.find("source"); it != line.end()) {
    if (!it->value().is_string()) return sdk::Status::invalid("'source' must be a string");
    return std::string(it->value().as_string());
  }
  if (auto it = line.find("source-ref"); it != line.end()) {
    if (!it->value().is_string()) return sdk::Status::invalid("'source-ref' must be a string");
    std::string key = key_of_source_ref(it->value().as_string());
    auto text = fetch(key);
    if (!text) {
      return sdk::Status::invalid("cannot read 'source-ref' object '" + key +
                                  "': " + text.status().to_string());
    }
    return text;
  }
  return sdk::Status::invalid("a manifest line needs 'source' or 'source-ref'");
}

sdk::Result<core::RowContent> common_row(const json::object& line, std::string_view default_id,
                                         const SourceFetcher& fetch) {
  core::RowContent row;
  row.id = std::string(default_id);
  auto text = source_text(line, fetch);
  if (!text) return text.status();
  row.response = std::move(text.value());
  if (auto s = read_common_fields(line, row); !s) return s;
  return row;
}

std::optional<std::int64_t> as_int(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v.as_uint64());
  if (v.is_string()) {
    const auto& s = v.as_string();
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return {};
    return std::stoll(std::string(s));
  }
  return {};
}

sdk::Result<json::value> classification(std::string_view attr, const json::object& meta) {
  auto it = meta.find("class-name");
  if (it == meta.end() || !it->value().is_string()) {
    return sdk::Status::invalid("'" + std::string(attr) + "-metadata' has no string 'class-name'");
  }
  return json::value(it->value().as_string());
}

sdk::Result<json::value> multilabel(std::string_view attr, const json::value& value,
                                    const json::object& meta) {
  auto map = meta.find("class-map");
  if (!value.is_array() || map == meta.end() || !map->value().is_object()) {
    return sdk::Status::invalid("'" + std::string(attr) +
                                "' must be a list of class indexes with a 'class-map'");
  }
  json::array names;
  for (const auto& index : value.as_array()) {
    auto i = as_int(index);
    const json::value* name =
        i ? map->value().as_object().if_contains(std::to_string(*i)) : nullptr;
    if (name == nullptr || !name->is_string()) {
      return sdk::Status::invalid("'" + std::string(attr) + "' has class index " +
                                  json::serialize(index) + " missing from its 'class-map'");
    }
    names.emplace_back(name->as_string());
  }
  return json::value(std::move(names));
}

sdk::Result<json::value> spans(std::string_view attr, const json::value& value) {
  const json::value* entities = nullptr;
  if (value.is_object()) {
    if (const auto* ann = value.as_object().if_contains("annotations"); ann && ann->is_object()) {
      entities = ann->as_object().if_contains("entities");
    }
  }
  if (entities == nullptr || !entities->is_array()) {
    return sdk::Status::invalid("'" + std::string(attr) + "' has no 'annotations.entities' list");
  }
  json::array out;
  for (std::size_t i = 0; i < entities->as_array().size(); ++i) {
    const auto& e = entities->as_array()[i];
    const json::object* o = e.if_object();
    auto start = o && o->contains("startOffset") ? as_int(o->at("startOffset")) : std::nullopt;
    auto end = o && o->contains("endOffset") ? as_int(o->at("endOffset")) : std::nullopt;
    const json::value* label = o ? o->if_contains("label") : nullptr;
    if (!start || !end || label == nullptr || !label->is_string()) {
      return sdk::Status::invalid("'" + std::string(attr) + "' entity " + std::to_string(i) +
                                  " needs integer startOffset, endOffset and a string label");
    }
    out.push_back(json::object{{"start", *start}, {"end", *end}, {"type", label->as_string()}});
  }
  return json::value(std::move(out));
}

sdk::Result<json::value> gt_label(std::string_view attr, const json::value& value,
                                  const json::object& meta) {
  const json::value* type = meta.if_contains("type");
  if (type == nullptr || !type->is_string()) {
    return sdk::Status::invalid("'" + std::string(attr) + "-metadata' has no string 'type'");
  }
  std::string t = lower(type->as_string());
  if (t == "groundtruth/text-classification") return classification(attr, meta);
  if (t == "groundtruth/text-classification-multilabel") return multilabel(attr, value, meta);
  if (t == "groundtruth/text-span") return spans(attr, value);
  if (t == "groundtruth/custom") {
    if (const auto* o = value.if_object(); o && o->contains("rating")) return o->at("rating");
    return value;
  }
  return sdk::Status::invalid("'" + std::string(attr) + "' has unsupported label type '" +
                              std::string(type->as_string()) + "'");
}

}  // namespace

std::string key_of_source_ref(std::string_view ref) {
  constexpr std::string_view kScheme = "s3://";
  if (ref.substr(0, kScheme.size()) != kScheme) return std::string(ref);
  ref.remove_prefix(kScheme.size());
  std::size_t slash = ref.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(ref.substr(slash + 1));
}

bool is_output_manifest(const json::object& line) {
  for (const auto& kv : line) {
    std::string_view key = kv.key();
    if (!ends_with(key, kMetadataSuffix) || !kv.value().is_object()) continue;
    if (line.contains(key.substr(0, key.size() - kMetadataSuffix.size()))) return true;
  }
  return false;
}

sdk::Result<core::RowContent> row_from_input_manifest(const json::object& line,
                                                      std::string_view default_id,
                                                      const SourceFetcher& fetch) {
  auto row = common_row(line, default_id, fetch);
  if (!row) return row;
  if (auto s = check_row(*row); !s) return s;
  return row;
}

sdk::Result<core::RowContent> row_from_output_manifest(const json::object& line,
                                                       std::string_view default_id,
                                                       const SourceFetcher& fetch,
                                                       const LabelMap& label_map) {
  auto row = common_row(line, default_id, fetch);
  if (!row) return row;
  for (const auto& kv : line) {
    std::string_view key = kv.key();
    if (!ends_with(key, kMetadataSuffix) || !kv.value().is_object()) continue;
    std::string_view attr = key.substr(0, key.size() - kMetadataSuffix.size());
    const json::value* value = line.if_contains(attr);
    if (value == nullptr || attr == "source" || attr == "source-ref") continue;
    auto label = gt_label(attr, *value, kv.value().as_object());
    if (!label) return label.status();
    auto mapped = label_map.find(attr);
    std::string name = mapped == label_map.end() ? std::string(attr) : mapped->second;
    row->auto_labels[name] = std::move(label.value());
  }
  if (auto s = check_row(*row); !s) return s;
  return row;
}

}  // namespace labelflow::dataset
