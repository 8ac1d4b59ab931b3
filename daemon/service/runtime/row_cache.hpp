// RowCache: recently read row documents, shared between the calls that need the same row in
// quick succession (a take reads it for the task view, the submit re-reads it to validate
// span offsets, the export worker reads it once the row is final). A row's content never
// changes after import (a re-import with other content is refused as duplicate_id), so a
// cached document is never stale; the cache only bounds how many stay in memory.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/row_doc.hpp"

namespace labelflow::service {

class RowCache {
 public:
  using Doc = std::shared_ptr<const core::RowDoc>;
  explicit RowCache(std::size_t capacity = 16384) : capacity_(capacity) {}

  Doc find(const std::string& project, const std::string& row_id) const;
  // Keeps `doc`; the oldest entry leaves once more than `capacity` are held.
  void put(const std::string& project, const std::string& row_id, Doc doc);
  std::size_t size() const;

 private:
  using Key = std::pair<std::string, std::string>;  // project, row id
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::map<Key, Doc> docs_;
  std::deque<Key> order_;  // insertion order, for eviction
};

}  // namespace labelflow::service
