// Status and Result: how plugins and the daemon report expected failures without exceptions.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace labelflow::sdk {

enum class Code : int {
  ok = 0,
  invalid_argument,   // the caller's input is wrong; retrying will not help
  not_found,          // the key, object or bucket does not exist
  unavailable,        // transient (network, 5xx, throttling): safe to retry later
  permission_denied,  // credentials or access rights refused
  failed_precondition,
  internal,           // a bug or an unexpected state inside the callee
};

// Printable name of a code, e.g. "not_found".
inline const char* code_name(Code c) noexcept {
  switch (c) {
    case Code::ok: return "ok";
    case Code::invalid_argument: return "invalid_argument";
    case Code::not_found: return "not_found";
    case Code::unavailable: return "unavailable";
    case Code::permission_denied: return "permission_denied";
    case Code::failed_precondition: return "failed_precondition";
    case Code::internal: return "internal";
  }
  return "unknown";
}

// A code plus a sentence for a person. Cheap to copy when ok.
class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  static Status invalid(std::string m) { return {Code::invalid_argument, std::move(m)}; }
  static Status not_found(std::string m) { return {Code::not_found, std::move(m)}; }
  static Status unavailable(std::string m) { return {Code::unavailable, std::move(m)}; }
  static Status internal(std::string m) { return {Code::internal, std::move(m)}; }

  bool is_ok() const noexcept { return code_ == Code::ok; }
  explicit operator bool() const noexcept { return is_ok(); }
  Code code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  // "not_found: no object 'a/b.jsonl'"
  std::string to_string() const {
    return is_ok() ? std::string("ok") : std::string(code_name(code_)) + ": " + message_;
  }

 private:
  Code code_ = Code::ok;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}         // NOLINT: implicit by design

  bool is_ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return is_ok(); }
  const Status& status() const noexcept { return status_; }
  // REQUIRES: is_ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_ = Status(Code::internal, "empty result");
};

// An option a plugin refused in configure(): the key (as written in the config) and why.
// An empty key means the options as a whole.
struct ConfigError {
  std::string key;
  std::string message;
};

}  // namespace labelflow::sdk
