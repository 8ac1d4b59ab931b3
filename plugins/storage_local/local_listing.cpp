// LocalStorage::list: a depth-first walk that yields keys in byte order without sorting the
// whole tree. Within one directory, entries are sorted with each subdirectory compared as
// "name/" (no file name contains '/', so this order decides every key under it too), and
// subtrees wholly before the page token or outside the prefix are never opened.
#include "key_rules.hpp"
#include "local_storage.hpp"

#include <algorithm>
#include <string>
#include <system_error>

namespace labelflow::storage_local {

namespace fs = std::filesystem;

namespace {

struct Entry {
  std::string sort_key;  // relative key, with a trailing '/' for directories
  bool is_directory = false;
  std::uint64_t size = 0;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

class Walker {
 public:
  Walker(const fs::path& root, std::string_view prefix, std::string_view after, std::size_t want)
      : root_(root), prefix_(prefix), after_(after), want_(want) {}

  // Appends up to `want` keys under the directory `relative` ("" or "a/b/") to `out`.
  sdk::Status walk(const std::string& relative, std::vector<sdk::ObjectInfo>& out) {
    std::vector<Entry> entries;
    if (auto s = read_directory(relative, entries); !s) return s;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.sort_key < b.sort_key; });
    for (const Entry& e : entries) {
      if (out.size() >= want_) return sdk::Status::ok();
      if (e.is_directory) {
        if (!may_hold_wanted_keys(e.sort_key)) continue;
        if (auto s = walk(e.sort_key, out); !s) return s;
      } else if (starts_with(e.sort_key, prefix_) && e.sort_key > after_) {
        out.push_back({e.sort_key, e.size});
      }
    }
    return sdk::Status::ok();
  }

 private:
  // A directory "d/" holds keys starting with "d/": skip it when that range cannot meet the
  // prefix, or lies entirely at or before the page token.
  bool may_hold_wanted_keys(const std::string& dir) const {
    if (!starts_with(dir, prefix_) && !starts_with(prefix_, dir)) return false;
    if (!after_.empty() && dir < after_ && !starts_with(after_, dir)) return false;
    return true;
  }

  sdk::Status read_directory(const std::string& relative, std::vector<Entry>& entries) {
    std::error_code ec;
    fs::path dir = relative.empty() ? root_ : root_ / relative;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      if (ec == std::errc::no_such_file_or_directory) return sdk::Status::ok();  // raced away
      return errno_status(ec.value(), "list directory", dir);
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (starts_with(name, kTempPrefix)) continue;  // a put in progress or a crashed one
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        entries.push_back({relative + name + "/", true, 0});
      } else if (it->is_regular_file(type_ec)) {
        std::uint64_t size = it->file_size(type_ec);
        if (type_ec) continue;  // removed between readdir and stat
        entries.push_back({relative + name, false, size});
      }
    }
    if (ec) return errno_status(ec.value(), "list directory", dir);
    return sdk::Status::ok();
  }

  const fs::path& root_;
  std::string prefix_;
  std::string after_;
  std::size_t want_;
};

}  // namespace

sdk::Result<sdk::ListPage> LocalStorage::list(std::string_view prefix, std::string_view page_token,
                                              std::size_t max_keys) {
  if (max_keys == 0) return sdk::Status::invalid("list: max_keys must be at least 1");
  if (prefix.find('\0') != std::string_view::npos) {
    return sdk::Status::invalid("list: prefix contains a NUL byte");
  }
  // One key more than asked tells whether another page follows.
  Walker walker(root_, prefix, page_token, max_keys + 1);
  sdk::ListPage page;
  if (auto s = walker.walk("", page.objects); !s) return s;
  if (page.objects.size() > max_keys) {
    page.objects.pop_back();
    page.next_token = page.objects.back().key;
  }
  return page;
}

}  // namespace labelflow::storage_local
