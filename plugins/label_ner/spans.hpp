// NER label values: a list of spans {"start", "end", "type"[, "text"]}, half-open, offsets in
// Unicode code points of the label's field.
//
// Checks, each reported with a JSON pointer into the value ("/2/end"): the value is a list;
// every span is an object with integer start >= 0 and end > start, a known type, no unknown
// key; with the row text: end within the field, `text` (optional) equal to the covered text,
// and the field itself valid UTF-8. Without row text (offline metrics) only the shape is
// checked. Spans need not be sorted (normalize sorts them); an identical span twice is refused,
// and so are overlapping spans unless allow_overlap. `utf8_start`, `utf8_end`, `utf16_start`,
// `utf16_end` (added on export) are accepted and ignored, so exported labels read back.
#pragma once

#include "ner_options.hpp"
#include "utf8.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace labelflow::labels::ner {

struct Span {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::uint32_t type = 0;  // index into entity_types
  friend bool operator==(const Span&, const Span&) = default;
  friend auto operator<=>(const Span&, const Span&) = default;
};

inline bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

// `text` null: shape only (no row text available).
std::vector<sdk::FieldError> validate_spans(const NerOptions& options,
                                            const boost::json::value& value,
                                            const std::string_view* text);

// The spans of a value whose shape is valid, sorted by (start, end, type); empty optional
// when the shape is not valid.
std::optional<std::vector<Span>> decode_spans(const NerOptions& options,
                                              const boost::json::value& value);

// decode_spans or std::invalid_argument naming `where` and the first problem.
std::vector<Span> decode_spans_or_throw(const NerOptions& options,
                                        const boost::json::value& value, std::string_view where);

boost::json::object span_json(const NerOptions& options, const Span& span);
boost::json::array spans_json(const NerOptions& options, const std::vector<Span>& spans);

}  // namespace labelflow::labels::ner
