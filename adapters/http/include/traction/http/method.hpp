#pragma once
// HTTP request methods the router knows. Anything else arrives as Method::other, which no
// route matches (405 on a known path, 404 elsewhere).

#include "traction/enum_text.hpp"

namespace traction::http {

enum class Method { get, head, post, put, patch, delete_, options, other };

inline constexpr EnumText<Method, 8> method_text{{{
    {Method::get, "GET"},
    {Method::head, "HEAD"},
    {Method::post, "POST"},
    {Method::put, "PUT"},
    {Method::patch, "PATCH"},
    {Method::delete_, "DELETE"},
    {Method::options, "OPTIONS"},
    {Method::other, "OTHER"},
}}};

}  // namespace traction::http
