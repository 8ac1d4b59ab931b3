// Pipeline reading and checking. Checks that need only the project file (stage order, ranges,
// names, keys that do not apply to a stage's kind) run while reading; checks that need the
// members (roles, distinct reviewers per row, experts) run in check_staffing().
#pragma once

#include <vector>

#include "config/project.hpp"
#include "config/table_reader.hpp"

namespace labelflow::config {

// Reads `[pipeline]` from the project's root table into project.pipeline (the default pipeline
// when absent) and reports every stage-level problem.
void read_pipeline(TableReader& root, Project& project);

// Checks that the project's members can staff every row: each stage's roles are held by some
// member (`pipeline.no_role_member`); a row's stages can get pairwise distinct reviewers
// (`pipeline.too_few_members`, I1; a warning when only the extra reviewers of add_reviewer_below
// cannot be found); and for every expert domain, some member expert can sit in the row
// together with the other reviewers (`pipeline.no_expert`, I3).
void check_staffing(const Project& project, const ReviewerSet& reviewers, Diagnostics& diags);

}  // namespace labelflow::config
