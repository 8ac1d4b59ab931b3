#include "service/runtime/credentials.hpp"

namespace labelflow::service {

std::vector<Credential> credentials(const config::Config& config,
                                    std::vector<std::string>& problems) {
  std::vector<Credential> out;
  auto add = [&](const config::Secret& secret, Caller who, std::string what) {
    if (!secret.has_value()) {
      problems.push_back(what + ": no token (" + secret.describe() + "); cannot sign in");
      return;
    }
    out.push_back({std::move(who), secret.reveal(), std::move(what)});
  };
  add(config.daemon.admin_token, {Role::admin, "admin"}, "admin");
  for (const auto& r : config.reviewers.reviewers) {
    add(r.token, {Role::reviewer, r.id}, "reviewer '" + r.id + "'");
  }
  return out;
}

}  // namespace labelflow::service
