// Dawid-Skene against majority vote on real crowd labels with gold answers: the bluebirds set
// (Welinder et al., NIPS 2010; tests/data/crowd_bluebirds/SOURCE.txt): 39 workers x 108 images.
#include "classification_type.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

using namespace labelflow;
namespace json = boost::json;

namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // the files have CRLF endings
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

double accuracy(const std::vector<sdk::Consolidated>& out,
                const std::map<std::string, std::string>& gold) {
  std::size_t right = 0;
  for (const auto& c : out) right += c.label.as_string() == gold.at(c.item) ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(out.size());
}

}  // namespace

TEST_CASE("bluebirds: Dawid-Skene is more accurate than majority vote against gold") {
  const std::string dir = std::string(LABELS_TEST_DATA) + "/crowd_bluebirds/";
  std::vector<sdk::Judgment> judgments;
  for (const auto& row : read_csv(dir + "labels.csv")) {
    judgments.push_back({row.at(1), row.at(0), json::value(row.at(2))});
  }
  std::map<std::string, std::string> gold;
  for (const auto& row : read_csv(dir + "gold.csv")) gold[row.at(0)] = row.at(1);
  REQUIRE(judgments.size() == 4212);
  REQUIRE(gold.size() == 108);

  labels::classification::ClassificationType type;
  REQUIRE(type.configure(json::parse(R"({"classes": ["0", "1"]})").as_object()).empty());
  auto mv = type.consolidate(judgments, "majority-vote");
  auto ds = type.consolidate(judgments, "dawid-skene");
  REQUIRE(mv.is_ok());
  REQUIRE(ds.is_ok());
  REQUIRE(mv->size() == 108);
  const double mv_accuracy = accuracy(*mv, gold);
  const double ds_accuracy = accuracy(*ds, gold);
  std::cout << "bluebirds accuracy vs gold: majority-vote " << mv_accuracy << ", dawid-skene "
            << ds_accuracy << "\n";
  INFO("majority-vote " << mv_accuracy << ", dawid-skene " << ds_accuracy);
  CHECK(ds_accuracy > mv_accuracy);
  // Published error rates (Zhou et al., NIPS 2012, as noted in SOURCE.txt; unverified there):
  // majority vote 24.07 %, Dawid-Skene 10.19 %. Majority vote has no ties here, so it must
  // match exactly; our Dawid-Skene (smoothing 0.01) must be at least as good.
  CHECK(mv_accuracy == Approx(1 - 0.2407).margin(5e-5));
  CHECK(ds_accuracy >= 1 - 0.1019 - 5e-5);
}
