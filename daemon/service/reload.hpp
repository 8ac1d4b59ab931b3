// Reload compatibility: which changes of a running project can be applied in place.
// Compatible: members, reviewers (roles, expertise, rates), tokens, lease settings, skip
// reasons, added classes / entity types / dimensions, webhooks, source and sink, each stage's
// sampling settings, new projects; and while the project has no reviews yet, any change of a
// label's options (classes removed or renamed: no stored label can turn invalid).
// Refused (the old configuration stays): a label added, removed, renamed or of another type;
// once reviews exist, an option value removed or changed; stages added, removed, renamed or
// given another kind, roles or reviewer count, or the expert domains changed (the engine cannot
// migrate stored stage indexes: restart for those); a project removed.
#pragma once

#include <string>
#include <vector>

#include "service/context.hpp"

namespace labelflow::service {

struct Refusal {
  std::string key;      // "projects/demo.toml: labels[1].type"
  std::string message;  // "changed from 'ner' to 'rating'"
};

std::vector<Refusal> reload_refusals(const ProjectSetup& old_setup, const ProjectSetup& new_setup,
                                     bool reviews_exist = true);

}  // namespace labelflow::service
