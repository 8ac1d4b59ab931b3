// Reload compatibility: which changes of a running project can be applied in place.
// Compatible: members, reviewers (roles, expertise, rates), tokens, lease settings, skip
// reasons, added classes / entity types / dimensions, webhooks, source and sink, new projects.
// Refused (the old configuration stays): a label added, removed, renamed or of another type;
// an option value removed or changed; the pipeline or expert domains changed (the engine
// cannot migrate stored stage indexes: restart for those); a project removed.
#pragma once

#include "service/context.hpp"

#include <string>
#include <vector>

namespace labelflow::service {

struct Refusal {
  std::string key;      // "projects/demo.toml: labels[1].type"
  std::string message;  // "changed from 'ner' to 'rating'"
};

std::vector<Refusal> reload_refusals(const ProjectSetup& old_setup,
                                     const ProjectSetup& new_setup);

}  // namespace labelflow::service
