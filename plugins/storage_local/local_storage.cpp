#include "local_storage.hpp"

#include "key_rules.hpp"

#include <labelflow/sdk/options.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace labelflow::storage_local {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunkSize = 256 * 1024;

// Closes a file descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error close() found (a deferred write error on some systems).
  int close_checked() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

std::string temp_name(const fs::path& target) {
  static std::atomic<std::uint64_t> counter{0};
  return std::string(kTempPrefix) + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1)) + "." + target.filename().string();
}

sdk::Status write_all(int fd, std::string_view data, const fs::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status(errno, "write", path);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return sdk::Status::ok();
}

sdk::Status fsync_directory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno_status(errno, "open directory", dir);
  if (::fsync(fd.get()) != 0) return errno_status(errno, "fsync directory", dir);
  return sdk::Status::ok();
}

}  // namespace

sdk::Status errno_status(int error, std::string_view action, const fs::path& what) {
  std::string message = std::string(action) + " '" + what.string() + "': " + std::strerror(error);
  switch (error) {
    case ENOENT: return sdk::Status::not_found(message);
    case EACCES:
    case EPERM:
    case EROFS: return {sdk::Code::permission_denied, message};
    case ENOTDIR:
    case EISDIR:
    case EEXIST: return {sdk::Code::failed_precondition, message};
    default: return sdk::Status::unavailable(message);  // EIO, ENOSPC, EMFILE...: may pass
  }
}

std::vector<sdk::ConfigError> LocalStorage::configure(const boost::json::object& options) {
  sdk::OptionReader reader(options);
  auto root = reader.string("root", /*required=*/true);
  fsync_ = reader.boolean("fsync").value_or(true);
  if (root) {
    fs::path path(*root);
    if (root->empty()) {
      reader.error("root", "must not be empty");
    } else if (!path.is_absolute()) {
      reader.error("root", "must be an absolute path, got '" + *root +
                               "' (relative paths are resolved by the daemon's config)");
    } else {
      // Not created here: configure() also runs for --check-config, which must not change
      // the disk. The first put() creates it.
      std::error_code ec;
      if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
        reader.error("root", "'" + *root + "' exists and is not a directory");
      }
      root_ = path.lexically_normal();
    }
  }
  return reader.finish();
}

fs::path LocalStorage::path_of(std::string_view key) const { return root_ / fs::path(key); }

sdk::Status LocalStorage::get(std::string_view key, sdk::ByteSink& sink) {
  if (auto s = check_key(key); !s) return s;
  fs::path path = path_of(key);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return sdk::Status::not_found("no object '" + std::string(key) + "'");
    }
    return errno_status(errno, "open", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return sdk::Status::not_found("no object '" + std::string(key) + "' (it is a directory)");
  }
  std::string buffer(kChunkSize, '\0');
  while (true) {
    ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status(errno, "read", path);
    }
    if (n == 0) return sdk::Status::ok();
    if (auto s = sink.write(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !s) {
      return s;
    }
  }
}

sdk::Status LocalStorage::put(std::string_view key, std::string_view data) {
  if (auto s = check_key(key); !s) return s;
  fs::path target = path_of(key);
  fs::path dir = target.parent_path();
  std::error_code ec;
  bool new_directories = fsync_ && !fs::is_directory(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    if (ec == std::errc::file_exists || ec == std::errc::not_a_directory) {
      return {sdk::Code::failed_precondition,
              "cannot store '" + std::string(key) + "': a parent of it is an object, and " +
                  "the local backend cannot hold both 'x' and 'x/...'"};
    }
    return errno_status(ec.value(), "create directory", dir);
  }
  if (new_directories) {
    // The new directories' own entries must be durable too, or a power cut could lose the
    // object's whole path although the object was fsynced.
    // (From the object's directory up to the root, whose parent gets its entry synced too.)
    for (fs::path p = dir; p.has_relative_path(); p = p.parent_path()) {
      if (auto s = fsync_directory(p.parent_path()); !s) return s;
      if (p == root_) break;
    }
  }
  fs::path temp = dir / temp_name(target);
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return errno_status(errno, "create", temp);
  auto fail = [&](sdk::Status s) {
    ::unlink(temp.c_str());
    return s;
  };
  if (auto s = write_all(fd.get(), data, temp); !s) return fail(s);
  if (fsync_ && ::fsync(fd.get()) != 0) return fail(errno_status(errno, "fsync", temp));
  if (int error = fd.close_checked(); error != 0) return fail(errno_status(error, "close", temp));
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    if (errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST) {
      return fail({sdk::Code::failed_precondition,
                   "cannot store '" + std::string(key) + "': objects exist under '" +
                       std::string(key) + "/', and the local backend cannot hold both"});
    }
    return fail(errno_status(errno, "rename over", target));
  }
  if (fsync_) return fsync_directory(dir);
  return sdk::Status::ok();
}

sdk::Status LocalStorage::remove(std::string_view key) {
  if (auto s = check_key(key); !s) return s;
  fs::path path = path_of(key);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR) {
    return errno_status(errno, "remove", path);
  }
  if (fsync_) {
    auto s = fsync_directory(path.parent_path());
    if (!s && s.code() != sdk::Code::not_found) return s;
  }
  return sdk::Status::ok();
}

}  // namespace labelflow::storage_local
