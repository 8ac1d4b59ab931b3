// Result<T>: a use case's answer, a value or an Error (core/error.hpp: one code enum, a message
// and field details with JSON-pointer paths). Done<T> receives it exactly once, from any thread,
// possibly after the call returned (a task call answers once its commit is durable).
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace labelflow::service {

using Error = core::Error;
using ErrorCode = core::ErrorCode;
using FieldError = core::FieldError;

template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}   // NOLINT: implicit by design
  bool ok() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <class T>
using Done = std::function<void(Result<T>)>;

// Calls `start` with a Done and waits for its answer (tests, the CLI in process, start-up).
template <class T>
Result<T> wait_for(const std::function<void(Done<T>)>& start) {
  // Shared: the answering thread may still be inside set_value when get() returns here.
  auto promise = std::make_shared<std::promise<Result<T>>>();
  auto future = promise->get_future();
  start([promise](Result<T> r) { promise->set_value(std::move(r)); });
  return future.get();
}

}  // namespace labelflow::service
