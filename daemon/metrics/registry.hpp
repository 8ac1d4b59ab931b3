// A tiny Prometheus-style metrics registry: counters, gauges and histograms, each identified by
// a metric name plus a label set, rendered in the Prometheus text exposition format (0.0.4).
//
// Thread safety: every method may be called from any thread. Metric objects returned by the
// registry live as long as the registry; updating them is lock-free (atomics), so hot paths
// should keep the reference rather than look the metric up on every event.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labelflow::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(double by = 1.0) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double by) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  // `bounds` are the upper bounds of the buckets, strictly increasing; +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);
  void observe(double v);

  const std::vector<double>& bounds() const { return bounds_; }
  // Cumulative count for bucket i (i == bounds().size() is +Inf, i.e. the total count).
  std::uint64_t cumulative(std::size_t i) const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, not cumulative
  std::atomic<double> sum_{0.0};
};

// Latency buckets in seconds, 0.5 ms to 10 s.
std::vector<double> default_latency_buckets();

class Registry {
 public:
  // Returns the metric `name` with `labels`, creating it (and its family, with `help`) on first
  // use. Throws std::invalid_argument when `name` or a label name is not a valid Prometheus
  // identifier, or when `name` is already registered as another type.
  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& histogram(std::string_view name, std::string_view help,
                       const std::vector<double>& bounds, const Labels& labels = {});
  // A gauge read at render time (e.g. a queue depth owned by the engine). `read` must be
  // thread-safe, and whatever it captures must live as long as the registry (callbacks are
  // never removed). Registering the same name and labels again replaces the callback.
  void gauge_callback(std::string_view name, std::string_view help, const Labels& labels,
                      std::function<double()> read);
  // The same for a counter whose count lives elsewhere (e.g. the store's commits).
  void counter_callback(std::string_view name, std::string_view help, const Labels& labels,
                        std::function<double()> read);

  // The whole registry in Prometheus text format, families sorted by name.
  std::string render() const;

 private:
  enum class Type { counter, gauge, histogram };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;  // key: rendered label set
    std::map<std::string, std::unique_ptr<Gauge>> gauges;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
    std::map<std::string, std::function<double()>> callbacks;
  };
  Family& family(std::string_view name, std::string_view help, Type type);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// Renders {a="x",b="y"} (with escaping of \ " and newline); "" for an empty set.
std::string render_labels(const Labels& labels);

}  // namespace labelflow::metrics
