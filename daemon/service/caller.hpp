// Who is asking: every use case receives the authenticated caller. Authentication itself (bearer
// tokens) belongs to the front end; the service decides what the caller may do in a project.
#pragma once

#include <string>

namespace labelflow::service {

enum class Role { reviewer, admin };

struct Caller {
  Role role = Role::reviewer;
  std::string id;  // reviewer id from reviewers.toml, or "admin"

  bool is_admin() const { return role == Role::admin; }
};

}  // namespace labelflow::service
