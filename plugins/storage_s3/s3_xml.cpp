#include "s3_xml.hpp"

#include <pugixml.hpp>

#include <cstdlib>

namespace labelflow::storage_s3 {

namespace {

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (auto c : parent.children()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

std::string text_of(const pugi::xml_node& parent, std::string_view name) {
  return child(parent, name).child_value();
}

sdk::Result<pugi::xml_node> root_named(pugi::xml_document& doc, std::string_view xml,
                                       std::string_view name) {
  auto parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    return sdk::Status::internal("S3 answered with unreadable XML (" +
                                 std::string(parsed.description()) + ")");
  }
  pugi::xml_node root = child(doc, name);
  if (!root) {
    return sdk::Status::internal("S3 answered without the expected <" + std::string(name) + ">");
  }
  return root;
}

}  // namespace

sdk::Result<ListResult> parse_list_result(std::string_view xml) {
  pugi::xml_document doc;
  auto root = root_named(doc, xml, "ListBucketResult");
  if (!root) return root.status();
  ListResult out;
  for (auto c : root->children()) {
    if (c.type() != pugi::node_element || local_name(c) != "Contents") continue;
    std::string size = text_of(c, "Size");
    out.objects.push_back({text_of(c, "Key"), std::strtoull(size.c_str(), nullptr, 10)});
  }
  out.truncated = text_of(*root, "IsTruncated") == "true";
  out.next_continuation_token = text_of(*root, "NextContinuationToken");
  return out;
}

std::optional<S3Error> parse_error(std::string_view xml) {
  pugi::xml_document doc;
  auto root = root_named(doc, xml, "Error");
  if (!root) return std::nullopt;
  return S3Error{text_of(*root, "Code"), text_of(*root, "Message")};
}

sdk::Result<std::string> parse_upload_id(std::string_view xml) {
  pugi::xml_document doc;
  auto root = root_named(doc, xml, "InitiateMultipartUploadResult");
  if (!root) return root.status();
  std::string id = text_of(*root, "UploadId");
  if (id.empty()) return sdk::Status::internal("S3 answered without an UploadId");
  return id;
}

std::string complete_multipart_body(const std::vector<std::string>& etags) {
  pugi::xml_document doc;
  auto root = doc.append_child("CompleteMultipartUpload");
  root.append_attribute("xmlns") = "http://s3.amazonaws.com/doc/2006-03-01/";
  for (std::size_t i = 0; i < etags.size(); ++i) {
    auto part = root.append_child("Part");
    part.append_child("PartNumber").text().set(static_cast<unsigned long long>(i + 1));
    part.append_child("ETag").text().set(etags[i].c_str());
  }
  struct Writer final : pugi::xml_writer {
    void write(const void* data, size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
    std::string out;
  } writer;
  doc.save(writer, "", pugi::format_raw);
  return writer.out;
}

}  // namespace labelflow::storage_s3
