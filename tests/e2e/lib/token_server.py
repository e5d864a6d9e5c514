"""A Bearer token service for the registry tests: checks Basic credentials,
or an identity token (POST, refresh-token grant), grants the scope asked for, and signs an RS256 JWT whose x5c header carries
the certificate the registry trusts (auth.token.rootcertbundle).
Signing goes through the openssl command (no Python packages needed).

    python3 token_server.py KEY.pem CERT_B64_DER USER PASSWORD PORT_FILE [TLS_CERT TLS_KEY]

With TLS_CERT and TLS_KEY it serves HTTPS (wincompat sends credentials only
over HTTPS).
"""
import base64
import http.server
import json
import subprocess
import sys
import time
import urllib.parse

KEY, X5C, USER, PASSWORD, PORT_FILE = sys.argv[1:6]
REFRESH_TOKEN = "refresh-" + PASSWORD  # what `docker login` would store as identitytoken


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_for(service, scope):
    access = []
    if scope:
        kind, name, actions = scope.split(":", 2)
        access = [{"type": kind, "name": name, "actions": actions.split(",")}]
    now = int(time.time())
    header = {"typ": "JWT", "alg": "RS256", "x5c": [X5C]}
    claims = {"iss": "wincompat-test", "sub": USER, "aud": service, "exp": now + 600,
              "nbf": now - 60, "iat": now, "jti": str(time.time_ns()), "access": access}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", KEY], input=signing_input.encode(),
                               capture_output=True, check=True).stdout
    return signing_input + "." + b64url(signature)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization", "") != expected:
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"token": token_for(query.get("service", [""])[0],
                                              query.get("scope", [""])[0])}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        # The OAuth2 refresh-token grant docker uses with an identity token.
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if form.get("grant_type") != ["refresh_token"] or form.get("refresh_token") != [REFRESH_TOKEN]:
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"access_token": token_for(form.get("service", [""])[0],
                                                     form.get("scope", [""])[0])}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 7:
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[6], sys.argv[7])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(PORT_FILE + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
