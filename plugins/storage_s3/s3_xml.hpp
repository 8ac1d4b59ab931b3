// The few S3 XML documents the backend reads. Elements are matched by local name, ignoring
// any namespace prefix and the xmlns (S3-compatible servers differ from AWS there).
#pragma once

#include <labelflow/sdk/storage.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::storage_s3 {

struct ListResult {
  std::vector<sdk::ObjectInfo> objects;  // full S3 keys
  bool truncated = false;
  std::string next_continuation_token;
};

struct S3Error {
  std::string code;     // "NoSuchKey"
  std::string message;  // "The specified key does not exist."
};

// ListObjectsV2 answer; an error message when the document is not one.
sdk::Result<ListResult> parse_list_result(std::string_view xml);
// An <Error> document; nullopt when `xml` is not one.
std::optional<S3Error> parse_error(std::string_view xml);
// The UploadId of an InitiateMultipartUploadResult.
sdk::Result<std::string> parse_upload_id(std::string_view xml);
// <CompleteMultipartUpload> for parts 1..N with their ETags.
std::string complete_multipart_body(const std::vector<std::string>& etags);

}  // namespace labelflow::storage_s3
