#include "core/records.hpp"

#include <iterator>

namespace labelflow::core {

std::string pointer_token(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return "bad_request";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::lease_conflict:
      return "lease_conflict";
    case ErrorCode::validation_failed:
      return "validation_failed";
    case ErrorCode::unavailable:
      return "unavailable";
  }
  return "unavailable";
}

const char* to_string(LabelStatus s) {
  switch (s) {
    case LabelStatus::confirmed:
      return "confirmed";
    case LabelStatus::corrected:
      return "corrected";
    case LabelStatus::no_auto_label:
      return "no_auto_label";
  }
  return "no_auto_label";
}

const char* to_string(TaskState s) {
  switch (s) {
    case TaskState::active:
      return "active";
    case TaskState::submitted:
      return "submitted";
    case TaskState::released:
      return "released";
    case TaskState::skipped:
      return "skipped";
    case TaskState::superseded:
      return "superseded";
    case TaskState::dropped:
      return "dropped";
  }
  return "active";
}

namespace {
template <class T>
void move_into(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}
}  // namespace

void Changes::append(Changes&& o) {
  move_into(rows, o.rows);
  move_into(tasks, o.tasks);
  move_into(reviews, o.reviews);
  move_into(skips, o.skips);
  move_into(decisions, o.decisions);
  move_into(retired_tasks, o.retired_tasks);
}

}  // namespace labelflow::core
