// The S3 test servers started by the CTest fixture (tests/runtime/s3/s3rver_ctl): s3rver and,
// in front of it, the proxy that checks every SigV4 signature with botocore.
#pragma once

#include <boost/json/object.hpp>

#include <string>

namespace labelflow::storage_test {

struct S3Servers {
  int s3_port = 0;     // s3rver itself
  int proxy_port = 0;  // the signature-checking proxy
  std::string bucket;
  std::string state_dir;
  std::string ctl;     // path of s3rver_ctl
};

// Read from $LABELFLOW_S3_STATE/env; fails the test when the fixture did not run.
const S3Servers& s3_servers();

// Options for an s3 storage on `port` with a fresh prefix, credentials from the test's own
// environment variables (LF_TEST_S3_KEY / LF_TEST_S3_SECRET = S3RVER / S3RVER).
boost::json::object s3_options(int port);

// Runs `s3rver_ctl <command> <state dir>`; true on success.
bool s3_ctl(const std::string& command);

}  // namespace labelflow::storage_test
