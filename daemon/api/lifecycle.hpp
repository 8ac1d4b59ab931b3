// The daemon's serving phase, shared by the app (which marks it ready once the engine has
// rebuilt its state), the server (which marks it draining on shutdown) and /readyz.
#pragma once

#include <atomic>
#include <string_view>

namespace labelflow::api {

class Lifecycle {
 public:
  enum class Phase { starting, ready, draining, stopped };

  Phase phase() const { return phase_.load(std::memory_order_acquire); }
  void set(Phase phase) { phase_.store(phase, std::memory_order_release); }
  bool ready() const { return phase() == Phase::ready; }

  static std::string_view name(Phase phase) {
    switch (phase) {
      case Phase::starting:
        return "starting";
      case Phase::ready:
        return "ready";
      case Phase::draining:
        return "draining";
      case Phase::stopped:
        return "stopped";
    }
    return "starting";
  }

 private:
  std::atomic<Phase> phase_{Phase::starting};
};

}  // namespace labelflow::api
