// S3Storage::put_multipart: objects larger than part_size go up in parts. The object appears
// only at CompleteMultipartUpload, so readers never see part of it; on failure the upload is
// aborted (best effort: S3 lifecycle rules clean up what an abort misses).
#include "s3_storage.hpp"

namespace labelflow::storage_s3 {

sdk::Status S3Storage::put_multipart(const std::string& full, std::string_view key,
                                     std::string_view data) {
  const std::string what = "multipart PUT '" + std::string(key) + "'";
  HttpRequest initiate;
  initiate.method = "POST";
  initiate.url = endpoint_.object_url(full, {{"uploads", ""}});
  initiate.content_type = "application/octet-stream";
  auto started = send(initiate, {what + " (initiate)", ""});
  if (!started) return started.status();
  auto upload_id = parse_upload_id(started->body);
  if (!upload_id) return upload_id.status();

  auto abort_upload = [&](sdk::Status why) {
    HttpRequest abort;
    abort.method = "DELETE";
    abort.url = endpoint_.object_url(full, {{"uploadId", *upload_id}});
    (void)http_->perform(abort);  // best effort, no retries: the put already failed
    return why;
  };

  std::vector<std::string> etags;
  for (std::size_t offset = 0, number = 1; offset < data.size(); offset += part_size_, ++number) {
    HttpRequest part;
    part.method = "PUT";
    part.url = endpoint_.object_url(
        full, {{"partNumber", std::to_string(number)}, {"uploadId", *upload_id}});
    part.body = data.substr(offset, part_size_);
    part.content_type = "application/octet-stream";
    auto sent = send(part, {what + " (part " + std::to_string(number) + ")", ""});
    if (!sent) return abort_upload(sent.status());
    auto etag = sent->headers.find("etag");
    if (etag == sent->headers.end()) {
      return abort_upload(sdk::Status::internal("S3 " + what + ": part " +
                                                std::to_string(number) + " has no ETag"));
    }
    etags.push_back(etag->second);
  }

  HttpRequest complete;
  complete.method = "POST";
  complete.url = endpoint_.object_url(full, {{"uploadId", *upload_id}});
  std::string body = complete_multipart_body(etags);
  complete.body = body;
  complete.content_type = "application/xml";
  auto done = send(complete, {what + " (complete)", ""});
  if (!done) return abort_upload(done.status());
  // S3 may answer 200 and still report an error in the body.
  if (auto e = parse_error(done->body)) {
    return abort_upload(sdk::Status::unavailable("S3 " + what + " (complete) failed: " + e->code +
                                                 ": " + e->message));
  }
  return sdk::Status::ok();
}

}  // namespace labelflow::storage_s3
