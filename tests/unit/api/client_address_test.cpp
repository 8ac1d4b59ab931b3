// The client address behind trusted reverse proxies (X-Forwarded-For).
#include <catch2/catch.hpp>

#include "api/client_address.hpp"

using labelflow::api::client_address;
using labelflow::api::is_ip_address;

TEST_CASE("client address: the peer unless it is a trusted proxy", "[api]") {
  const std::vector<std::string> none;
  const std::vector<std::string> local = {"127.0.0.1", "::1"};
  // Untrusted peers cannot claim another address.
  CHECK(client_address("203.0.113.9", "10.0.0.1", local) == "203.0.113.9");
  CHECK(client_address("127.0.0.1", "10.0.0.1", none) == "127.0.0.1");
  // One proxy: the address it appended.
  CHECK(client_address("127.0.0.1", "198.51.100.7", local) == "198.51.100.7");
  CHECK(client_address("::1", " 2001:db8::5 ", local) == "2001:db8::5");
  // Right to left: what a client wrote further left is not believed.
  CHECK(client_address("127.0.0.1", "1.2.3.4, 198.51.100.7", local) == "198.51.100.7");
  // Chained trusted proxies are skipped.
  CHECK(client_address("127.0.0.1", "198.51.100.7, 127.0.0.1", local) == "198.51.100.7");
  // Missing or garbage header: the last trusted hop.
  CHECK(client_address("127.0.0.1", "", local) == "127.0.0.1");
  CHECK(client_address("127.0.0.1", "unknown", local) == "127.0.0.1");
  CHECK(client_address("127.0.0.1", "198.51.100.7, bogus", local) == "127.0.0.1");
}

TEST_CASE("client address: IP literals", "[api]") {
  CHECK(is_ip_address("127.0.0.1"));
  CHECK(is_ip_address("::1"));
  CHECK(is_ip_address("2001:db8::5"));
  CHECK_FALSE(is_ip_address(""));
  CHECK_FALSE(is_ip_address("localhost"));
  CHECK_FALSE(is_ip_address("127.0.0.1:80"));
  CHECK_FALSE(is_ip_address("256.1.1.1"));
}
