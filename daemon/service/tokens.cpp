#include "service/tokens.hpp"

#include <stdexcept>

namespace labelflow::service {

api::TokenTable token_table(const config::Config& config, std::vector<std::string>& problems) {
  api::TokenTable table;
  auto add = [&](const config::Secret& secret, api::Principal who, const std::string& what) {
    if (!secret.has_value()) {
      problems.push_back(what + ": no token (" + secret.describe() + "); cannot sign in");
      return;
    }
    try {
      table.add(secret.reveal(), std::move(who));
    } catch (const std::invalid_argument& e) {
      problems.push_back(what + ": token refused: " + e.what());
    }
  };
  add(config.daemon.admin_token, {api::Role::admin, "admin"}, "admin");
  for (const auto& r : config.reviewers.reviewers) {
    add(r.token, {api::Role::reviewer, r.id}, "reviewer '" + r.id + "'");
  }
  return table;
}

}  // namespace labelflow::service
