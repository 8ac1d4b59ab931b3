#include "metric_object.hpp"

namespace labelflow::labels {

void MetricObject::put(std::string_view key, const Stat& stat) {
  if (stat.value) {
    out_[key] = *stat.value;
  } else {
    put_null(key, stat.note);
  }
}

void MetricObject::put(std::string_view key, boost::json::value value) {
  out_[key] = std::move(value);
}

void MetricObject::put_null(std::string_view key, std::string note) {
  out_[key] = nullptr;
  notes_[key] = note;
}

void MetricObject::put_count(std::string_view key, std::optional<std::size_t> count,
                             std::string note) {
  if (count) {
    out_[key] = static_cast<std::uint64_t>(*count);
  } else {
    put_null(key, std::move(note));
  }
}

boost::json::object MetricObject::finish() && {
  out_["notes"] = std::move(notes_);
  return std::move(out_);
}

}  // namespace labelflow::labels
