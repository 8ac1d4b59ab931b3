// Key rules of the local backend: a key is a '/'-separated relative path that can never name
// anything outside the root, nor collide with the backend's temporary files.
#pragma once

#include <labelflow/sdk/status.hpp>

#include <string_view>

namespace labelflow::storage_local {

// Every file the backend is writing starts with this; list() ignores such names and keys
// with a segment starting with it are refused, so a temp file is never taken for an object.
inline constexpr std::string_view kTempPrefix = ".lf-tmp.";

// ok, or invalid_argument naming the key and what is wrong with it: empty, absolute, NUL,
// backslash, an empty, "." or ".." segment, or a segment starting with kTempPrefix.
sdk::Status check_key(std::string_view key);

}  // namespace labelflow::storage_local
