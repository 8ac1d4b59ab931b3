// Helpers of the end-to-end test: the generated rows, the reviewers' expertise (as in
// configs/reviewers.toml), labels the simulated reviewers submit, and reading the export
// objects straight from s3rver's data directory.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace labelflow::test::e2e {

inline const std::vector<std::string> kReviewers = {"alice", "bob",   "carol", "dave",
                                                    "erin",  "frank", "grace"};
inline const std::vector<std::string> kClasses = {"open_qa", "general_qa", "closed_qa",
                                                  "brainstorming", "summarization"};

// Expertise of each reviewer of configs/reviewers.toml.
const std::set<std::string>& expertise(const std::string& reviewer);

// 200 JSON lines, seeded: a fifth technical, a fifth financial, a few both, the rest general;
// about one in seven with an invalid auto label.
std::vector<std::string> generated_rows(std::uint32_t seed, int count);

// Valid labels for the demo project's three labels; `variant` picks among a few answers so
// that reviewers disagree.
boost::json::object labels_for(int variant);

// The fixture's s3rver (LABELFLOW_S3_STATE/env).
struct S3Fixture {
  std::filesystem::path state;
  int proxy_port = 0;
  std::string bucket;
};
S3Fixture s3_fixture();

// Every export line in the objects whose keys start with `prefix`, by row id, read from
// s3rver's files (<data>/<bucket>/<key>._S3rver_object); `keys` gets the object keys.
std::map<std::string, boost::json::object> exported_lines(const S3Fixture& s3,
                                                          const std::string& prefix,
                                                          std::vector<std::string>* keys);

}  // namespace labelflow::test::e2e
