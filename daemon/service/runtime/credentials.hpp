// The credentials a configuration grants: the admin token and every reviewer's token, each with
// who it signs in as. The front end turns them into its token table (the HTTP layer keeps only
// digests and decides which it accepts).
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "service/caller.hpp"

namespace labelflow::service {

struct Credential {
  Caller who;
  std::string token;     // the secret itself: never log it
  std::string describe;  // "admin", "reviewer 'alice'": for messages about this credential
};

// Principals without a token are left out with a line in `problems` (they cannot sign in).
std::vector<Credential> credentials(const config::Config& config,
                                    std::vector<std::string>& problems);

}  // namespace labelflow::service
