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

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/projects/project_types.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"
#include "service/runtime/credentials.hpp"

namespace labelflow::service {

// A loaded configuration and the plugin objects made from it.
struct Loaded {
  std::shared_ptr<const config::Config> config;
  config::PluginObjects plugins;
};

// Re-reads the configuration for a reload: the Loaded, or nullopt with every problem in
// `errors` (as "PATH:LINE:COL: error ID: message").
using Loader = std::function<std::optional<Loaded>(std::vector<std::string>& errors)>;

// What a reload calls back into: the front end's token table takes the new credentials and
// answers how many it accepted; a project added by the reload gets its metrics.
struct ReloadHooks {
  Loader loader;  // reload is refused when empty
  std::function<std::size_t(std::vector<Credential>)> apply_credentials;
  std::function<void(const ProjectPtr&)> project_added;
};

// Applies a new configuration in place, or refuses it whole with one detail per problem
// (validation_failed) and keeps the running one. REQUIRES: one reload at a time.
Result<ReloadResult> reload_config(Context& ctx, const ReloadHooks& hooks);

struct Refusal {
  std::string key;      // "projects/demo.toml: labels[1].type"
  std::string message;  // "changed from 'ner' to 'rating'"
};

std::vector<Refusal> reload_refusals(const ProjectSetup& old_setup, const ProjectSetup& new_setup,
                                     bool reviews_exist = true);

}  // namespace labelflow::service
