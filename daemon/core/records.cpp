#include "core/records.hpp"

#include <iterator>

namespace labelflow::core {

const char* to_string(LabelStatus s) {
  switch (s) {
    case LabelStatus::kConfirmed:
      return "confirmed";
    case LabelStatus::kCorrected:
      return "corrected";
    case LabelStatus::kNoAutoLabel:
      return "no_auto_label";
  }
  return "no_auto_label";
}

const char* to_string(TaskState s) {
  switch (s) {
    case TaskState::kActive:
      return "active";
    case TaskState::kSubmitted:
      return "submitted";
    case TaskState::kReleased:
      return "released";
    case TaskState::kSkipped:
      return "skipped";
    case TaskState::kSuperseded:
      return "superseded";
    case TaskState::kDropped:
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
