#include "core/agreement.hpp"

#include <algorithm>

namespace labelflow::core {
namespace {

const boost::json::value& value_of(const boost::json::object& o, const std::string& label) {
  static const boost::json::value kNull;
  const auto* v = o.if_contains(label);
  return v ? *v : kNull;
}

}  // namespace

std::map<std::string, double> per_label_agreement(
    const std::vector<std::string>& labels, const std::vector<const boost::json::object*>& reviews,
    const RowDoc& row, const LabelOracle& oracle) {
  std::map<std::string, double> out;
  for (const auto& label : labels) {
    double score = 0.0;
    if (reviews.size() == 1) {
      if (row.auto_label_valid(label)) {
        score = oracle.agreement(label, value_of(*reviews[0], label),
                                 row.content.auto_labels.at(label), row.content);
      }
    } else if (reviews.size() > 1) {
      double sum = 0.0;
      int pairs = 0;
      for (std::size_t i = 0; i < reviews.size(); ++i) {
        for (std::size_t j = i + 1; j < reviews.size(); ++j) {
          sum += oracle.agreement(label, value_of(*reviews[i], label), value_of(*reviews[j], label),
                                  row.content);
          ++pairs;
        }
      }
      score = sum / pairs;
    }
    out[label] = std::clamp(score, 0.0, 1.0);
  }
  return out;
}

double stage_agreement(const std::map<std::string, double>& per_label) {
  double m = 1.0;
  for (const auto& [_, v] : per_label) m = std::min(m, v);
  return m;
}

boost::json::object consensus(const std::vector<std::string>& labels,
                              const std::vector<const boost::json::object*>& reviews,
                              const RowDoc& row, const LabelOracle& oracle) {
  boost::json::object out;
  if (reviews.empty()) return out;
  for (const auto& label : labels) {
    std::size_t best = 0;
    double best_score = -1.0;
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      double s = 0.0;
      for (std::size_t j = 0; j < reviews.size(); ++j) {
        if (i != j) {
          s += oracle.agreement(label, value_of(*reviews[i], label), value_of(*reviews[j], label),
                                row.content);
        }
      }
      if (s > best_score) {
        best_score = s;
        best = i;
      }
    }
    if (reviews[best]->contains(label)) out[label] = reviews[best]->at(label);
  }
  return out;
}

std::map<std::string, LabelStatus> label_status(const std::vector<std::string>& labels,
                                                const boost::json::object& submitted,
                                                const RowDoc& row, const LabelOracle& oracle) {
  std::map<std::string, LabelStatus> out;
  for (const auto& label : labels) {
    if (!row.auto_label_valid(label)) {
      out[label] = LabelStatus::no_auto_label;
    } else {
      out[label] = oracle.equal(label, value_of(submitted, label),
                                row.content.auto_labels.at(label), row.content)
                       ? LabelStatus::confirmed
                       : LabelStatus::corrected;
    }
  }
  return out;
}

bool sampled(std::string_view row_id, int stage, std::uint64_t seed, double rate) {
  if (rate <= 0.0) return false;
  if (rate >= 1.0) return true;
  // FNV-1a over (seed, stage, row id): stable across runs, platforms and restarts.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::uint64_t byte) {
    h ^= byte;
    h *= 1099511628211ULL;
  };
  for (int i = 0; i < 8; ++i) mix((seed >> (8 * i)) & 0xff);
  mix(static_cast<std::uint64_t>(stage) & 0xff);
  for (unsigned char c : row_id) mix(c);
  h ^= h >> 33;  // finalize: FNV's low bits are weak
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) < rate;
}

}  // namespace labelflow::core
