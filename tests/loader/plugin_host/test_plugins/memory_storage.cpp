// An in-memory storage plugin for the loader tests. get() streams in small chunks so that the
// daemon's get_all must join them; put("throw", ...) throws to test the guard.
#include <labelflow/sdk/sdk.hpp>
#include <map>
#include <mutex>
#include <stdexcept>

namespace loader_test {

class MemoryStorage final : public labelflow::sdk::Storage {
 public:
  std::vector<labelflow::sdk::ConfigError> configure(const boost::json::object& options) override {
    labelflow::sdk::OptionReader reader(options);
    if (auto chunk = reader.integer("chunk_size")) {
      if (*chunk < 1) {
        reader.error("chunk_size", "must be at least 1");
      } else {
        chunk_ = static_cast<std::size_t>(*chunk);
      }
    }
    return reader.finish();
  }

  labelflow::sdk::Status get(std::string_view key, labelflow::sdk::ByteSink& sink) override {
    std::string data;
    {
      std::lock_guard lock(mutex_);
      auto it = objects_.find(key);
      if (it == objects_.end()) {
        return labelflow::sdk::Status::not_found("no object '" + std::string(key) + "'");
      }
      data = it->second;
    }
    for (std::size_t at = 0; at < data.size(); at += chunk_) {
      auto s = sink.write(std::string_view(data).substr(at, chunk_));
      if (!s) return s;
    }
    return labelflow::sdk::Status::ok();
  }

  labelflow::sdk::Status put(std::string_view key, std::string_view data) override {
    if (key == "throw") throw std::runtime_error("disk on fire");
    std::lock_guard lock(mutex_);
    objects_[std::string(key)] = std::string(data);
    return labelflow::sdk::Status::ok();
  }

  labelflow::sdk::Result<labelflow::sdk::ListPage> list(std::string_view prefix,
                                                        std::string_view page_token,
                                                        std::size_t max_keys) override {
    std::lock_guard lock(mutex_);
    labelflow::sdk::ListPage page;
    auto it = page_token.empty() ? objects_.lower_bound(prefix) : objects_.upper_bound(page_token);
    for (; it != objects_.end() && it->first.starts_with(prefix); ++it) {
      if (page.objects.size() == max_keys) {
        page.next_token = page.objects.back().key;
        break;
      }
      page.objects.push_back({it->first, it->second.size()});
    }
    return page;
  }

  labelflow::sdk::Status remove(std::string_view key) override {
    std::lock_guard lock(mutex_);
    if (auto it = objects_.find(key); it != objects_.end()) objects_.erase(it);
    return labelflow::sdk::Status::ok();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> objects_;
  std::size_t chunk_ = 3;
};

}  // namespace loader_test

LABELFLOW_PLUGIN(loader_test::MemoryStorage, TEST_PLUGIN_NAME, "0.3.0")
