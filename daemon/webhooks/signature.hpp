// What a receiver checks: X-Labelflow-Signature is "sha256=" + hex HMAC-SHA256 of the exact
// body bytes keyed with the webhook's secret; X-Labelflow-Delivery is unique per delivery.
#pragma once

#include <string>
#include <string_view>

namespace labelflow::webhooks {

// Lower-case hex HMAC-SHA256 of `body` with `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view body);

// "sha256=<hex>", the X-Labelflow-Signature header value.
std::string signature_header(std::string_view key, std::string_view body);

// A fresh delivery id: 32 lower-case hex digits from the OS random source.
std::string new_delivery_id();

}  // namespace labelflow::webhooks
