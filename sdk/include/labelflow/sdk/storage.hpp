// Storage: the interface of a storage-backend plugin (local files, S3, or your own).
//
// Keys are '/'-separated relative paths ("imports/2026-11/rows.jsonl"). Every method may be
// called from several threads at once. Failures are returned, not thrown: transient ones
// (network, throttling, 5xx) as Code::unavailable after the plugin's own retries, a missing
// object as Code::not_found.
#pragma once

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::sdk {

// Receives an object's bytes in order, chunk by chunk. Returning a non-ok Status stops the
// transfer and get() returns that Status.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(std::string_view chunk) = 0;
};

struct ObjectInfo {
  std::string key;
  std::uint64_t size = 0;
};

// One page of a listing, keys in ascending byte order. An empty next_token means the last page.
struct ListPage {
  std::vector<ObjectInfo> objects;
  std::string next_token;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // Takes the instance's options (its [storage.NAME] table without `type`). Returns one error
  // per refused key; empty means accepted. Called once, before any other method.
  virtual std::vector<ConfigError> configure(const boost::json::object& options) = 0;

  // Streams the object to `sink`. not_found when there is no such object.
  virtual Status get(std::string_view key, ByteSink& sink) = 0;

  // Stores `data` under `key`, replacing any object there. Atomic: a reader sees the old
  // object or the new one, never a part; after a crash, never a part either.
  virtual Status put(std::string_view key, std::string_view data) = 0;

  // Lists objects whose key starts with `prefix`, at most `max_keys` per page, starting after
  // the page that returned `page_token` (empty: from the start).
  virtual Result<ListPage> list(std::string_view prefix, std::string_view page_token,
                                std::size_t max_keys) = 0;

  // Removes the object. Removing a missing object is ok.
  virtual Status remove(std::string_view key) = 0;
};

// Convenience: reads a whole object into a string.
class StringSink final : public ByteSink {
 public:
  Status write(std::string_view chunk) override {
    data.append(chunk);
    return Status::ok();
  }
  std::string data;
};

}  // namespace labelflow::sdk
