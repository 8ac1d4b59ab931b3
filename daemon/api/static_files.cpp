#include "api/static_files.hpp"

#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "api/errors.hpp"

namespace labelflow::api {
namespace fs = std::filesystem;

namespace {

Response not_found(std::string_view path) {
  return error_response({ErrorCode::not_found, "no such file: " + std::string(path), {}, 0});
}

bool inside(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin();
  auto c = candidate.begin();
  for (; r != root.end(); ++r, ++c) {
    if (r->empty()) continue;  // trailing separator of the root
    if (c == candidate.end() || *r != *c) return false;
  }
  return true;
}

}  // namespace

std::string_view content_type_for(std::string_view filename) {
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& e : kTypes) {
    if (filename.size() >= e.ext.size() &&
        iequals(filename.substr(filename.size() - e.ext.size()), e.ext)) {
      return e.type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

Response StaticFiles::serve(std::string_view raw_path) const {
  std::string decoded;
  if (!percent_decode(raw_path, decoded) || decoded.empty() || decoded.front() != '/' ||
      decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos) {
    return error_response({ErrorCode::bad_request, "malformed file path", {}, 0});
  }
  fs::path relative;
  std::string_view rest = std::string_view(decoded).substr(1);
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") {
      return error_response(
          {ErrorCode::bad_request, "file path may not contain '.' or '..'", {}, 0});
    }
    relative /= fs::path(std::string(seg));
  }
  std::error_code ec;
  fs::path root = fs::canonical(root_, ec);
  if (ec) return not_found(raw_path);
  fs::path file = fs::canonical(root / relative, ec);
  if (ec || !inside(root, file)) return not_found(raw_path);
  if (fs::is_directory(file, ec)) {
    file = fs::canonical(file / "index.html", ec);  // index.html may itself be a symlink
    if (ec || !inside(root, file)) return not_found(raw_path);
  }
  if (!fs::is_regular_file(file, ec)) return not_found(raw_path);
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return not_found(raw_path);
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found(raw_path);
  Response res;
  res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  res.content_type = std::string(content_type_for(file.filename().string()));
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace labelflow::api
