#include "coded_data.hpp"

namespace labelflow::labels {

std::uint32_t Interner::id(std::string_view name) {
  auto it = ids_.find(name);
  if (it != ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

std::uint32_t CodedDataBuilder::add_item(std::string_view item) {
  auto index = items_.id(item);
  if (index >= data_.units.size()) data_.units.resize(index + 1);
  return index;
}

void CodedDataBuilder::add(std::string_view item, std::string_view rater,
                           std::uint32_t category) {
  auto unit_index = add_item(item);
  auto rater_index = raters_.id(rater);
  auto& unit = data_.units[unit_index];
  if (last_wins_) {
    for (auto& r : unit) {
      if (r.rater == rater_index) {
        r.category = category;
        return;
      }
    }
  }
  unit.push_back({rater_index, category});
}

CodedData CodedDataBuilder::finish() && {
  data_.n_raters = raters_.size();
  return std::move(data_);
}

}  // namespace labelflow::labels
