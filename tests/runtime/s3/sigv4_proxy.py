#!/usr/bin/python3
"""A reverse proxy that checks every request's AWS SigV4 signature before passing it on.

s3rver accepts any signature, so on its own it cannot tell a correctly signed request from a
wrongly signed one. This proxy recomputes each signature with an independent implementation,
Debian's python3-botocore (botocore.auth.S3SigV4Auth), using the one known key pair, checks
x-amz-content-sha256 against the body, and answers 403 SignatureDoesNotMatch (S3's XML error
shape) on any mismatch; otherwise it forwards the request to the upstream server unchanged.

Usage: sigv4_proxy.py --upstream-port PORT --port-file FILE [--access-key K --secret-key S
                       --region R]
It listens on 127.0.0.1 on a free port and writes that port to FILE once it is ready.
"""
import argparse
import hashlib
import hmac
import http.client
import http.server
import os
import re
import sys

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request,\s*"
    r"SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$")


def error_body(code, message):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            f'<Message>{message}</Message></Error>').encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY each answer waits for
    # the client's delayed ACK (about 40 ms).
    disable_nagle_algorithm = True
    config = None

    def log_message(self, fmt, *args):  # quiet: tests read only the answers
        pass

    def _answer(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _check_signature(self, body):
        """None when the signature is right, otherwise why it is not."""
        auth = self.headers.get("Authorization", "")
        match = AUTH_RE.match(auth)
        if not match:
            return "missing or malformed Authorization header"
        access_key, _day, region, signed, signature = match.groups()
        if access_key != self.config.access_key:
            return "unknown access key"
        amz_date = self.headers.get("x-amz-date")
        content_sha = self.headers.get("x-amz-content-sha256")
        if not amz_date or not content_sha:
            return "x-amz-date and x-amz-content-sha256 are required"
        if content_sha != "UNSIGNED-PAYLOAD" and content_sha != hashlib.sha256(body).hexdigest():
            return "x-amz-content-sha256 does not match the body"
        headers = {}
        for name in signed.split(";"):
            value = self.headers.get(name)
            if value is None:
                return f"signed header {name} was not sent"
            headers[name] = value
        url = f"http://{self.headers.get('Host')}{self.path}"
        request = AWSRequest(method=self.command, url=url, headers=headers, data=body)
        request.context["timestamp"] = amz_date
        signer = S3SigV4Auth(Credentials(self.config.access_key, self.config.secret_key), "s3",
                             region)
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        if not hmac.compare_digest(expected, signature):
            return "signature does not match"
        return None

    def _handle(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        problem = self._check_signature(body)
        if problem is not None:
            self._answer(403, error_body("SignatureDoesNotMatch", problem),
                         [("Content-Type", "application/xml")])
            return
        upstream = http.client.HTTPConnection("127.0.0.1", self.config.upstream_port, timeout=60)
        forward = {k: v for k, v in self.headers.items() if k.lower() not in ("connection",
                                                                               "expect")}
        try:
            upstream.request(self.command, self.path, body=body, headers=forward)
            response = upstream.getresponse()
            data = response.read()
        except OSError as e:
            self._answer(502, error_body("BadGateway", str(e)))
            return
        finally:
            upstream.close()
        keep = [(k, v) for k, v in response.getheaders()
                if k.lower() not in ("content-length", "transfer-encoding", "connection")]
        self._answer(response.status, data, keep)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--access-key", default="S3RVER")
    parser.add_argument("--secret-key", default="S3RVER")
    Handler.config = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    temp = Handler.config.port_file + ".tmp"
    with open(temp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(temp, Handler.config.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
