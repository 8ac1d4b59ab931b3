// The store side of the time and cost reports: reviews submitted in a window, across
// projects, turned into core::ReviewFact (agreement with the final labels computed through
// each project's LabelOracle, reading row content only for final rows).
#pragma once

#include <functional>

#include "core/reports.hpp"
#include "store/state_store.hpp"

namespace labelflow::store {

struct ProjectLabels {
  const core::LabelOracle* oracle = nullptr;  // null: agreement left empty
  std::vector<std::string> labels;
};
using ProjectLabelsFn = std::function<ProjectLabels(const std::string& project)>;

std::vector<core::ReviewFact> review_facts(StateStore& store, core::TimeMs from, core::TimeMs to,
                                           const ProjectLabelsFn& labels_of);

}  // namespace labelflow::store
