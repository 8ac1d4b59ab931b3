// TableReader: reads one TOML table into typed values, reporting every problem to a
// Diagnostics list with the position of the offending key or value, and (on finish()) every
// key that nothing asked for as `config.unknown_key` with a "did you mean" suggestion.
//
// Getters return an empty optional (or null) both when the key is absent and when it has the
// wrong type; in the second case a `config.wrong_type` error naming the expected type has
// already been recorded. Calling a getter marks the key as known.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostics.hpp"

namespace labelflow::config {

// Position of a toml++ source region in `file`.
Position position_of(const std::filesystem::path& file, const toml::source_region& region);

// "a string", "an integer", ...: how messages name a TOML node type.
std::string type_phrase(toml::node_type type);

// Edit distance with adjacent transpositions (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` within edit distance 2, or empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

class TableReader {
 public:
  // `where` names the table in messages, e.g. "[log]" or "[[reviewers]] entry 2"; empty for
  // the root table.
  TableReader(const toml::table& table, std::filesystem::path file, Diagnostics& diags,
              std::string where = {});

  // The node under `key` (null when absent); with `required`, absence is `config.missing_key`.
  const toml::node* get(std::string_view key, bool required = false);
  // Marks `key` as known without reading it.
  void allow(std::string_view key) { known_.emplace(key); }

  std::optional<std::string> string(std::string_view key, bool required = false);
  // A string that must not be empty.
  std::optional<std::string> non_empty_string(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  // An integer or a float.
  std::optional<double> number(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  // A list of non-empty strings without duplicates.
  std::optional<std::vector<std::string>> string_list(std::string_view key, bool required = false);
  // A string path, resolved against the directory of the file it was written in.
  std::optional<std::filesystem::path> path(std::string_view key, bool required = false);
  const toml::table* table(std::string_view key, bool required = false);
  // An array whose every element is a table (`[[key]]`).
  const toml::array* table_array(std::string_view key, bool required = false);

  // Records `config.unknown_key` for every key not read or allowed.
  void finish();

  // Position of the value under `key`, or of the table when the key is absent.
  Position value_pos(std::string_view key) const;
  // Position of the key itself, or of the table when the key is absent.
  Position key_pos(std::string_view key) const;
  Position table_pos() const { return position_of(file_, table_.source()); }

  // "key 'x'" or "key 'x' in [log]" for messages.
  std::string describe(std::string_view key) const;
  const std::filesystem::path& file() const noexcept { return file_; }
  const toml::table& raw() const noexcept { return table_; }
  Diagnostics& diags() noexcept { return diags_; }

  void bad_value(std::string_view key, const std::string& message);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);

 private:
  const toml::table& table_;
  std::filesystem::path file_;
  Diagnostics& diags_;
  std::string where_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace labelflow::config
