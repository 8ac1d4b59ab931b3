// Typed config (daemon/config) -> the engine's own spec (core/spec.hpp), plus the project's
// configuration hash recorded in every export line's provenance.
#pragma once

#include "config/project.hpp"
#include "config/reviewers.hpp"
#include "core/spec.hpp"

#include <string>
#include <vector>

namespace labelflow::service {

core::ProjectSpec project_spec(const config::Project& project);
std::vector<core::ReviewerSpec> reviewer_specs(const config::ReviewerSet& reviewers);

// FNV-1a 64 of the project file's bytes, as 16 hex digits ("" when the file is unreadable).
std::string config_hash(const config::Project& project);

}  // namespace labelflow::service
