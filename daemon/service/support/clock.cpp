#include "service/support/clock.hpp"

#include <chrono>

namespace labelflow::service {

core::TimeMs system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace labelflow::service
