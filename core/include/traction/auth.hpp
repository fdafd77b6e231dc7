#pragma once
// Who is asking: every use case takes an AuthContext. The HTTP adapter builds it from a
// verified JWT (claims sub, tenant, role, name); an embedder builds it directly.

#include <string>

#include "traction/enum_text.hpp"

namespace traction {

enum class Role { admin, manager, employee };

inline constexpr EnumText<Role, 3> role_text{{{
    {Role::admin, "admin"},
    {Role::manager, "manager"},
    {Role::employee, "employee"},
}}};

struct AuthContext {
  std::string tenant;
  std::string user_id;
  std::string user_name;
  Role role = Role::employee;
};

}  // namespace traction
