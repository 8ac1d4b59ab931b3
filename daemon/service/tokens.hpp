// The bearer-token table of a configuration: the admin token and every reviewer's token.
#pragma once

#include "api/auth.hpp"
#include "config/config.hpp"

#include <string>
#include <vector>

namespace labelflow::service {

// Unset tokens are left out (that principal cannot sign in). A token the table refuses (too
// short, shared) is left out with a line in `problems` naming the principal, never the token.
api::TokenTable token_table(const config::Config& config, std::vector<std::string>& problems);

}  // namespace labelflow::service
