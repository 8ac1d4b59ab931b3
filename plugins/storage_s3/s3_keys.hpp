// Key rules of the S3 backend: the same as every labelflow storage (a '/'-separated relative
// path without empty, "." or ".." segments, NUL or backslash), so a dataset moves between
// backends unchanged.
#pragma once

#include <labelflow/sdk/status.hpp>

#include <string_view>

namespace labelflow::storage_s3 {

// ok, or invalid_argument naming the key and what is wrong with it.
sdk::Status check_key(std::string_view key);

}  // namespace labelflow::storage_s3
