// Diagnostics: every problem found while loading configuration, with the file position it
// concerns and a stable ID (documented in docs/configuration.md). Loaders never stop at the
// first problem: they append to one Diagnostics list and carry on, so a single run of
// `labelflowd --check-config` reports everything that is wrong.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace labelflow::config {

// Stable diagnostic IDs. Never rename one once released; add new ones instead.
namespace error_id {
inline constexpr const char* kParse = "config.parse";
inline constexpr const char* kIo = "config.io";
inline constexpr const char* kUnknownKey = "config.unknown_key";
inline constexpr const char* kWrongType = "config.wrong_type";
inline constexpr const char* kMissingKey = "config.missing_key";
inline constexpr const char* kBadValue = "config.bad_value";
inline constexpr const char* kDuplicate = "config.duplicate";
inline constexpr const char* kConflict = "config.conflicting_keys";
inline constexpr const char* kSecretLiteral = "config.secret_literal";
inline constexpr const char* kSecretUnreadable = "config.secret_unreadable";
inline constexpr const char* kSecretUnset = "config.secret_unset";  // a warning
inline constexpr const char* kPipelineEmpty = "pipeline.empty";
inline constexpr const char* kAdjudicateFirst = "pipeline.adjudicate_first";
inline constexpr const char* kNotForStage = "pipeline.not_for_stage";
inline constexpr const char* kDuplicateStage = "pipeline.duplicate_stage";
inline constexpr const char* kBadRate = "pipeline.bad_rate";
inline constexpr const char* kBadThreshold = "pipeline.bad_threshold";
inline constexpr const char* kMaxBelowReviewers = "pipeline.max_below_reviewers";
inline constexpr const char* kUnknownMember = "pipeline.unknown_member";
inline constexpr const char* kNoRoleMember = "pipeline.no_role_member";
inline constexpr const char* kTooFewMembers = "pipeline.too_few_members";
inline constexpr const char* kNoExpert = "pipeline.no_expert";
}  // namespace error_id

enum class Severity { error, warning };

// A position in a file. Line and column are 1-based; 0 means "the file as a whole".
struct Position {
  std::filesystem::path file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct Diagnostic {
  Severity severity = Severity::error;
  Position where;
  std::string id;
  std::string message;
  // "PATH:LINE:COL: error ID: message" (or "warning"); the form every tool prints. Without a
  // file (nothing was read): "error ID: message".
  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(Position where, std::string id, std::string message);
  void warning(Position where, std::string id, std::string message);

  const std::vector<Diagnostic>& all() const noexcept { return items_; }
  // For people: grouped by file (in the order files were first reported), then by line and
  // column; equal positions keep their order.
  std::vector<Diagnostic> sorted() const;
  std::size_t error_count() const noexcept;
  std::size_t warning_count() const noexcept { return items_.size() - error_count(); }
  bool has_errors() const noexcept { return error_count() != 0; }
  // True when an error with this ID exists (tests and callers deciding what to skip).
  bool contains(std::string_view id) const noexcept;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace labelflow::config
