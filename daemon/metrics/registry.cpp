#include "metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace labelflow::metrics {
namespace {

bool valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

void check_labels(const Labels& labels) {
  for (const auto& [key, value] : labels) {
    if (!valid_name(key, false) || key.starts_with("__")) {
      throw std::invalid_argument("invalid metric label name: " + key);
    }
  }
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  // Shortest of %.15g / %.17g that reads back exactly, so 0.005 prints as "0.005".
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string escape_help(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

// Adds one label to an already rendered label set ("{a=\"x\"}" + le -> "{a=\"x\",le=\"1\"}").
std::string with_label(const std::string& rendered, const std::string& extra) {
  if (rendered.empty()) return "{" + extra + "}";
  return rendered.substr(0, rendered.size() - 1) + "," + extra + "}";
}

}  // namespace

std::string render_labels(const Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += labels[i].first;
    out += "=\"";
    for (char c : labels[i].second) {
      if (c == '\\')
        out += "\\\\";
      else if (c == '"')
        out += "\\\"";
      else if (c == '\n')
        out += "\\n";
      else
        out.push_back(c);
    }
    out += '"';
  }
  out += '}';
  return out;
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end()) ||
      std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end()) {
    throw std::invalid_argument("histogram bounds must be strictly increasing");
  }
}

void Histogram::observe(double v) {
  std::size_t i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) -
                                           bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

std::uint64_t Histogram::cumulative(std::size_t i) const {
  std::uint64_t total = 0;
  for (std::size_t b = 0; b <= i && b <= bounds_.size(); ++b) {
    total += counts_[b].load(std::memory_order_relaxed);
  }
  return total;
}

std::vector<double> default_latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Registry::Family& Registry::family(std::string_view name, std::string_view help, Type type) {
  if (!valid_name(name, true)) {
    throw std::invalid_argument("invalid metric name: " + std::string(name));
  }
  auto it = families_.find(name);
  if (it == families_.end()) {
    it =
        families_.emplace(std::string(name), Family{type, std::string(help), {}, {}, {}, {}}).first;
  } else if (it->second.type != type) {
    throw std::invalid_argument("metric registered with another type: " + std::string(name));
  }
  return it->second;
}

Counter& Registry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  check_labels(labels);
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::counter).counters[render_labels(labels)];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& Registry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  check_labels(labels);
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::gauge).gauges[render_labels(labels)];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

Histogram& Registry::histogram(std::string_view name, std::string_view help,
                               const std::vector<double>& bounds, const Labels& labels) {
  check_labels(labels);
  for (const auto& [key, value] : labels) {
    if (key == "le") throw std::invalid_argument("histogram label 'le' is reserved");
  }
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::histogram).histograms[render_labels(labels)];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

void Registry::gauge_callback(std::string_view name, std::string_view help, const Labels& labels,
                              std::function<double()> read) {
  check_labels(labels);
  std::lock_guard lock(mutex_);
  family(name, help, Type::gauge).callbacks[render_labels(labels)] = std::move(read);
}

void Registry::counter_callback(std::string_view name, std::string_view help, const Labels& labels,
                                std::function<double()> read) {
  check_labels(labels);
  std::lock_guard lock(mutex_);
  family(name, help, Type::counter).callbacks[render_labels(labels)] = std::move(read);
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, fam] : families_) {
    static constexpr std::string_view kTypeNames[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + name + " " + escape_help(fam.help) + "\n";
    out += "# TYPE " + name + " " + std::string(kTypeNames[static_cast<int>(fam.type)]) + "\n";
    for (const auto& [labels, c] : fam.counters) {
      out += name + labels + " " + format_value(c->value()) + "\n";
    }
    for (const auto& [labels, g] : fam.gauges) {
      out += name + labels + " " + format_value(g->value()) + "\n";
    }
    for (const auto& [labels, read] : fam.callbacks) {
      out += name + labels + " " + format_value(read()) + "\n";
    }
    for (const auto& [labels, h] : fam.histograms) {
      const auto& bounds = h->bounds();
      for (std::size_t i = 0; i <= bounds.size(); ++i) {
        std::string le = i < bounds.size() ? format_value(bounds[i]) : "+Inf";
        out += name + "_bucket" + with_label(labels, "le=\"" + le + "\"") + " " +
               std::to_string(h->cumulative(i)) + "\n";
      }
      out += name + "_sum" + labels + " " + format_value(h->sum()) + "\n";
      out += name + "_count" + labels + " " + std::to_string(h->cumulative(bounds.size())) + "\n";
    }
  }
  return out;
}

}  // namespace labelflow::metrics
