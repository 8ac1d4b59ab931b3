// The address a request came from, for the access log and the failed-authentication slowdown.
// Behind a reverse proxy (docs/operations.md) every TCP peer is the proxy; when the peer is one
// of the configured trusted proxies, the client is read from X-Forwarded-For instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace labelflow::api {

// True for an IPv4 or IPv6 address literal ("127.0.0.1", "::1").
bool is_ip_address(std::string_view text);

// `peer` itself unless it is in `trusted`. Otherwise the X-Forwarded-For entries are read
// right to left (each proxy appends the address it saw): trusted proxies are skipped, and the
// first other address is the client. An entry that is not an address stops the walk at the
// last trusted hop, so a value a client forged further left is never believed.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted);

}  // namespace labelflow::api
