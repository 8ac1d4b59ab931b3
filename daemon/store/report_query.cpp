#include "store/report_query.hpp"

namespace labelflow::store {

std::vector<core::ReviewFact> review_facts(StateStore& store, core::TimeMs from, core::TimeMs to,
                                           const ProjectLabelsFn& labels_of) {
  std::vector<core::ReviewFact> out;
  for (auto& r : store.reviews_between(from, to)) {
    core::ReviewFact f;
    f.project = r.review.project;
    f.reviewer = r.review.reviewer;
    f.submitted_at = r.review.submitted_at;
    f.active_seconds = r.review.active_seconds;
    if (r.final_labels) {
      const auto pl = labels_of(f.project);
      if (pl.oracle) {
        if (auto row = store.row(f.project, r.review.row_id)) {
          f.agreement_with_final = core::agreement_with_final(
              pl.labels, r.review.labels, *r.final_labels, row->content, *pl.oracle);
        }
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace labelflow::store
