#include "s3_keys.hpp"

#include <string>

namespace labelflow::storage_s3 {

namespace {

sdk::Status refuse(std::string_view key, std::string_view why) {
  std::string printable;
  for (char c : key) printable += c == '\0' ? std::string("\\0") : std::string(1, c);
  return sdk::Status::invalid("bad object key '" + printable + "': " + std::string(why));
}

}  // namespace

sdk::Status check_key(std::string_view key) {
  if (key.empty()) return refuse(key, "is empty");
  if (key.size() > 1024) return refuse(key, "is longer than S3's 1024 bytes");
  if (key.find('\0') != std::string_view::npos) return refuse(key, "contains a NUL byte");
  if (key.find('\\') != std::string_view::npos) return refuse(key, "contains a backslash");
  if (key.front() == '/') return refuse(key, "is absolute (starts with '/')");
  std::size_t start = 0;
  while (true) {
    std::size_t end = key.find('/', start);
    std::string_view segment = key.substr(start, end == std::string_view::npos ? end : end - start);
    if (segment.empty()) return refuse(key, "has an empty path segment");
    if (segment == "." || segment == "..") return refuse(key, "has a '.' or '..' segment");
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return sdk::Status::ok();
}

}  // namespace labelflow::storage_s3
