// Times every classification agreement metric and each consolidation method over 1,000,000
// generated judgments, and prints seconds and peak memory (getrusage ru_maxrss).
//
//   build/<preset>/bin/labels_bench [judgments]      (default 1000000)
//
// Data: K = 5 classes with skewed true frequencies; raters of accuracy 0.55 to 0.95 who
// otherwise pick a uniformly random wrong class. Set A: 5 raters per item (Fleiss, alpha,
// percent agreement, Dawid-Skene); set B: 2 raters per item (Cohen's kappa). Fixed seed.
#include "classification_type.hpp"
#include "coded_data.hpp"
#include "dawid_skene.hpp"
#include "reliability.hpp"

#include <boost/json/parse.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace labelflow;
using namespace labelflow::labels;

namespace {

const std::vector<std::string> kClasses = {"c0", "c1", "c2", "c3", "c4"};

double peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

template <class F>
void timed(const char* what, F&& f) {
  auto start = std::chrono::steady_clock::now();
  std::string result = f();
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%-34s %8.3f s   peak %7.1f MB   %s\n", what, took.count(), peak_mb(),
              result.c_str());
}

std::vector<sdk::Judgment> generate(std::size_t n, std::size_t raters_per_item,
                                    std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::discrete_distribution<int> truth({40, 25, 15, 12, 8});
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<int> other(1, static_cast<int>(kClasses.size()) - 1);
  std::vector<sdk::Judgment> out;
  out.reserve(n);
  const std::size_t items = n / raters_per_item;
  for (std::size_t i = 0; i < items; ++i) {
    int t = truth(rng);
    for (std::size_t r = 0; r < raters_per_item; ++r) {
      const auto last = static_cast<double>(std::max<std::size_t>(1, raters_per_item - 1));
      double accuracy = 0.55 + 0.4 * static_cast<double>(r) / last;
      int label = coin(rng) < accuracy ? t : (t + other(rng)) % static_cast<int>(kClasses.size());
      out.push_back({"item" + std::to_string(i), "rater" + std::to_string(r),
                     boost::json::value(kClasses[static_cast<std::size_t>(label)])});
    }
  }
  return out;
}

CodedData code(const std::vector<sdk::Judgment>& js, bool last_wins) {
  CodedDataBuilder b(kClasses.size(), last_wins);
  for (const auto& j : js) {
    auto c = static_cast<std::uint32_t>(j.label.as_string()[1] - '0');
    b.add(j.item, j.rater, c);
  }
  return std::move(b).finish();
}

std::string show(const Stat& s) {
  return s.value ? std::to_string(*s.value) : "null (" + s.note + ")";
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  std::printf("labels_bench: %zu judgments, %zu classes\n", n, kClasses.size());
  std::vector<sdk::Judgment> five, two;
  timed("generate (5 raters/item)", [&] { five = generate(n, 5, 42); return std::string(); });
  timed("generate (2 raters/item)", [&] { two = generate(n, 2, 43); return std::string(); });

  labels::classification::ClassificationType type;
  boost::json::array classes;
  for (const auto& c : kClasses) classes.emplace_back(c);
  type.configure(boost::json::object{{"classes", classes}});

  CodedData a, b, a_all;
  timed("code judgments (set A)", [&] { a = code(five, true); return std::string(); });
  timed("code judgments (set B)", [&] { b = code(two, true); return std::string(); });
  timed("percent_agreement (A)", [&] { return show(percent_agreement(a)); });
  timed("fleiss_kappa (A)", [&] { return show(fleiss_kappa(a)); });
  timed("krippendorff_alpha_nominal (A)",
        [&] { return show(krippendorff_alpha(a, AlphaMetric::nominal)); });
  timed("cohen_kappa (B)", [&] { return show(cohen_kappa(b, KappaWeights::none).kappa); });
  timed("plugin metrics(), all keys (A)", [&] {
    auto m = type.metrics(five);
    return "n_items=" + std::to_string(m.at("n_items").as_uint64());
  });
  timed("plugin metrics(), all keys (B)", [&] {
    auto m = type.metrics(two);
    return "cohen_kappa=" + std::to_string(m.at("cohen_kappa").as_double());
  });
  timed("consolidate majority-vote (A)", [&] {
    auto r = type.consolidate(five, "majority-vote");
    return std::to_string(r->size()) + " items";
  });
  timed("dawid_skene EM only (A)", [&] {
    a_all = code(five, false);
    auto fit = dawid_skene(a_all);
    return std::to_string(fit.iterations) + " iterations, converged=" +
           (fit.converged ? "yes" : "no");
  });
  timed("consolidate dawid-skene (A)", [&] {
    auto r = type.consolidate(five, "dawid-skene");
    return std::to_string(r->size()) + " items";
  });
  std::printf("peak memory (ru_maxrss): %.1f MB\n", peak_mb());
  return 0;
}
