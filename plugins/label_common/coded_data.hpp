// CodedData: judgments reduced to integer codes, the input of every agreement statistic.
//
// Items and raters are numbered in first-seen order; a category is an index into the label
// type's ordered categories (classes, or positions on a rating scale).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace labelflow::labels {

struct Rating {
  std::uint32_t rater = 0;
  std::uint32_t category = 0;
};

struct CodedData {
  std::size_t n_categories = 0;
  std::size_t n_raters = 0;
  // One entry per item. For the agreement statistics a rater appears at most once per item;
  // Dawid-Skene also accepts repeated ratings.
  std::vector<std::vector<Rating>> units;
};

// A statistic that may be undefined: a value, or the reason it has none.
struct Stat {
  std::optional<double> value;
  std::string note;
  static Stat of(double v) { return {v, {}}; }
  static Stat undefined(std::string why) { return {std::nullopt, std::move(why)}; }
};

// Numbers strings in first-seen order.
class Interner {
 public:
  std::uint32_t id(std::string_view name);
  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return names_.size(); }

 private:
  // Transparent hashing: look-ups by string_view allocate nothing.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<std::string> names_;
};

// Builds CodedData from (item, rater, category) triples. With `last_wins`, a later rating of
// the same item by the same rater replaces the earlier one; otherwise every rating is kept.
class CodedDataBuilder {
 public:
  CodedDataBuilder(std::size_t n_categories, bool last_wins)
      : last_wins_(last_wins) { data_.n_categories = n_categories; }
  // An item with no ratings, so that it counts in n_items and keeps its place.
  std::uint32_t add_item(std::string_view item);
  void add(std::string_view item, std::string_view rater, std::uint32_t category);
  CodedData finish() &&;
  const Interner& items() const noexcept { return items_; }
  const Interner& raters() const noexcept { return raters_; }

 private:
  bool last_wins_;
  Interner items_;
  Interner raters_;
  CodedData data_;
};

}  // namespace labelflow::labels
