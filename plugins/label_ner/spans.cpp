#include "spans.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace labelflow::labels::ner {
namespace {

constexpr std::string_view kExportKeys[] = {"utf8_start", "utf8_end", "utf16_start",
                                            "utf16_end"};

std::optional<std::int64_t> as_offset(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.as_uint64());
  }
  return std::nullopt;
}

// Shape checks of one span; appends errors under `path`; returns the span when it is whole.
std::optional<Span> check_span(const NerOptions& options, const boost::json::value& v,
                               const std::string& path, std::vector<sdk::FieldError>& errors) {
  if (!v.is_object()) {
    errors.push_back({path, "must be an object {\"start\", \"end\", \"type\"}"});
    return std::nullopt;
  }
  const auto& o = v.as_object();
  const std::size_t before = errors.size();
  Span span;
  for (const char* key : {"start", "end"}) {
    auto it = o.find(key);
    if (it == o.end()) {
      errors.push_back({path + "/" + key, "is required"});
      continue;
    }
    auto offset = as_offset(it->value());
    if (!offset || *offset < 0) {
      errors.push_back({path + "/" + key, "must be a non-negative integer (code points)"});
      continue;
    }
    (std::string_view(key) == "start" ? span.start : span.end) = *offset;
  }
  if (errors.size() == before && span.end <= span.start) {
    errors.push_back({path + "/end", "must be greater than start (" +
                                         std::to_string(span.start) + ")"});
  }
  auto type = o.find("type");
  if (type == o.end()) {
    errors.push_back({path + "/type", "is required"});
  } else if (!type->value().is_string()) {
    errors.push_back({path + "/type", "must be a string"});
  } else if (auto index = options.type_index(type->value().as_string())) {
    span.type = *index;
  } else {
    std::string known;
    for (const auto& t : options.entity_types) known += (known.empty() ? "" : ", ") + t;
    errors.push_back({path + "/type", "unknown entity type \"" +
                                          std::string(type->value().as_string()) +
                                          "\"; expected one of: " + known});
  }
  if (auto text = o.find("text"); text != o.end() && !text->value().is_string()) {
    errors.push_back({path + "/text", "must be a string"});
  }
  for (const auto& kv : o) {
    std::string_view key = kv.key();
    bool known = key == "start" || key == "end" || key == "type" || key == "text" ||
                 std::find(std::begin(kExportKeys), std::end(kExportKeys), key) !=
                     std::end(kExportKeys);
    if (!known) errors.push_back({path + "/" + std::string(key), "unknown key"});
  }
  if (errors.size() != before) return std::nullopt;
  return span;
}

}  // namespace

std::vector<sdk::FieldError> validate_spans(const NerOptions& options,
                                            const boost::json::value& value,
                                            const std::string_view* text) {
  std::vector<sdk::FieldError> errors;
  if (!value.is_array()) {
    errors.push_back({"", "must be a list of spans {\"start\", \"end\", \"type\"}"});
    return errors;
  }
  const auto& list = value.as_array();
  std::vector<std::pair<Span, std::size_t>> spans;  // span, position in the value
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto s = check_span(options, list[i], "/" + std::to_string(i), errors)) {
      spans.emplace_back(*s, i);
    }
  }
  if (text != nullptr) {
    auto indexed = index_text(*text);
    if (auto* bad = std::get_if<Utf8Error>(&indexed)) {
      errors.push_back({"", "the row's " + options.field + " field is not valid UTF-8 (byte " +
                                std::to_string(bad->byte_offset) + ": " + bad->message + ")"});
      return errors;
    }
    const auto& index = std::get<TextIndex>(indexed);
    const auto length = static_cast<std::int64_t>(index.code_points());
    for (const auto& [span, i] : spans) {
      std::string path = "/" + std::to_string(i);
      if (span.end > length) {
        errors.push_back({path + "/end", "is beyond the end of the " + options.field +
                                             " field (" + std::to_string(length) +
                                             " code points)"});
        continue;
      }
      const auto& o = list[i].as_object();
      if (auto t = o.find("text"); t != o.end()) {
        auto covered = text->substr(index.utf8[static_cast<std::size_t>(span.start)],
                                    index.utf8[static_cast<std::size_t>(span.end)] -
                                        index.utf8[static_cast<std::size_t>(span.start)]);
        if (t->value().as_string() != covered) {
          errors.push_back({path + "/text", "does not match the covered text \"" +
                                                std::string(covered) + "\""});
        }
      }
    }
  }
  std::sort(spans.begin(), spans.end());
  std::size_t reach = 0;  // the earlier span reaching furthest right
  for (std::size_t k = 1; k < spans.size(); ++k) {
    const auto& [span, i] = spans[k];
    const auto& [previous, j] = spans[k - 1];
    const auto& [widest, w] = spans[reach];
    if (previous == span) {
      errors.push_back({"/" + std::to_string(std::max(i, j)),
                        "repeats span " + std::to_string(std::min(i, j))});
    } else if (!options.allow_overlap && overlaps(widest, span)) {
      errors.push_back({"/" + std::to_string(std::max(i, w)),
                        "overlaps span " + std::to_string(std::min(i, w)) +
                            " (allow_overlap is false)"});
    }
    if (span.end > widest.end) reach = k;
  }
  return errors;
}

std::optional<std::vector<Span>> decode_spans(const NerOptions& options,
                                              const boost::json::value& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<sdk::FieldError> errors;
  std::vector<Span> spans;
  const auto& list = value.as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto s = check_span(options, list[i], "/" + std::to_string(i), errors);
    if (!s) return std::nullopt;
    spans.push_back(*s);
  }
  std::sort(spans.begin(), spans.end());
  return spans;
}

std::vector<Span> decode_spans_or_throw(const NerOptions& options,
                                        const boost::json::value& value, std::string_view where) {
  auto errors = validate_spans(options, value, nullptr);
  if (!errors.empty()) {
    throw std::invalid_argument(std::string(where) + ": label" + errors.front().path + " " +
                                errors.front().message);
  }
  return *decode_spans(options, value);
}

boost::json::object span_json(const NerOptions& options, const Span& span) {
  return {{"start", span.start}, {"end", span.end}, {"type", options.entity_types.at(span.type)}};
}

boost::json::array spans_json(const NerOptions& options, const std::vector<Span>& spans) {
  boost::json::array out;
  for (const auto& s : spans) out.push_back(span_json(options, s));
  return out;
}

}  // namespace labelflow::labels::ner
