#include "service/support/tz_offset.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

namespace labelflow::service {
namespace {

struct Zone {
  std::vector<std::int64_t> transitions;  // seconds since the epoch, ascending
  std::vector<std::int32_t> offsets;      // offset in effect from each transition on
  std::int32_t initial = 0;               // before the first transition
};

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         std::uint32_t(p[3]);
}

std::int64_t be64(const unsigned char* p) {
  return static_cast<std::int64_t>((std::uint64_t(be32(p)) << 32) | be32(p + 4));
}

// Parses the TZif data: the 64-bit block of a version 2+ file, else the 32-bit one.
bool parse(const std::string& bytes, Zone& zone, std::string& why) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t pos = 0;
  auto header = [&](std::uint32_t c[6]) {
    if (bytes.size() < pos + 44 || bytes.compare(pos, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) c[i] = be32(b + pos + 20 + 4 * i);
    pos += 44;
    return true;
  };
  std::uint32_t c[6];
  if (!header(c)) return why = "not a TZif file", false;
  const bool v2 = bytes[4] >= '2';
  int width = 4;
  if (v2) {  // skip the 32-bit block, read the second header
    pos += std::size_t(c[3]) * 5 + std::size_t(c[4]) * 6 + c[5] + std::size_t(c[2]) * 8 + c[1] +
           c[0];
    if (!header(c)) return why = "truncated TZif v2 header", false;
    width = 8;
  }
  const std::size_t timecnt = c[3], typecnt = c[4];
  if (typecnt == 0 || bytes.size() < pos + timecnt * (width + 1) + typecnt * 6) {
    return why = "truncated TZif data", false;
  }
  std::vector<std::int32_t> type_offsets;
  const std::size_t types_at = pos + timecnt * (width + 1);
  for (std::size_t i = 0; i < typecnt; ++i) {
    type_offsets.push_back(static_cast<std::int32_t>(be32(b + types_at + 6 * i)));
  }
  zone.initial = type_offsets[0];
  for (std::size_t i = 0; i < timecnt; ++i) {
    const auto* t = b + pos + i * width;
    zone.transitions.push_back(width == 8 ? be64(t) : static_cast<std::int32_t>(be32(t)));
    const unsigned idx = b[pos + timecnt * width + i];
    if (idx >= typecnt) return why = "bad type index", false;
    zone.offsets.push_back(type_offsets[idx]);
  }
  return true;
}

}  // namespace

core::UtcOffsetFn utc_offset_fn(const std::string& zone, std::string& error,
                                const std::filesystem::path& zoneinfo) {
  if (zone.empty() || zone == "UTC" || zone == "Etc/UTC") return {};
  const auto path = zoneinfo / zone;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path.string() + ": cannot read the time zone; reports use UTC";
    return {};
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto z = std::make_shared<Zone>();
  std::string why;
  if (!parse(bytes, *z, why)) {
    error = path.string() + ": " + why + "; reports use UTC";
    return {};
  }
  return [z](core::TimeMs utc) -> std::int64_t {
    const std::int64_t s = utc >= 0 ? utc / 1000 : -((-utc + 999) / 1000);
    auto it = std::upper_bound(z->transitions.begin(), z->transitions.end(), s);
    if (it == z->transitions.begin()) return z->initial;
    return z->offsets[static_cast<std::size_t>(it - z->transitions.begin() - 1)];
  };
}

}  // namespace labelflow::service
