#include "service/runtime/row_cache.hpp"

namespace labelflow::service {

RowCache::Doc RowCache::find(const std::string& project, const std::string& row_id) const {
  std::lock_guard lock(mu_);
  auto it = docs_.find(Key(project, row_id));
  return it == docs_.end() ? nullptr : it->second;
}

void RowCache::put(const std::string& project, const std::string& row_id, Doc doc) {
  std::lock_guard lock(mu_);
  Key key(project, row_id);
  if (!docs_.insert_or_assign(key, std::move(doc)).second) return;  // already held: no new slot
  order_.push_back(std::move(key));
  while (docs_.size() > capacity_) {
    docs_.erase(order_.front());
    order_.pop_front();
  }
}

std::size_t RowCache::size() const {
  std::lock_guard lock(mu_);
  return docs_.size();
}

}  // namespace labelflow::service
