"""The MCP Python SDK's client discovery helpers against signpost-tower's example server.

Plain unittest; `interop/run` runs it with the venv's interpreter. The server is started on
127.0.0.1 (a free port) from `SIGNPOST_TOWER_MCP_SERVER` and killed at the end; every request
has a timeout; nothing leaves loopback (the authorization server the example names,
https://auth.example.com, is only named, never fetched).
"""

import os
import re
import subprocess
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2
from mcp.client.auth.utils import (
    build_oauth_authorization_server_metadata_discovery_urls,
    build_protected_resource_metadata_discovery_urls,
    extract_field_from_www_auth,
    extract_resource_metadata_from_www_auth,
    extract_scope_from_www_auth,
    get_client_metadata_scopes,
    handle_protected_resource_response,
    union_scopes,
)

TIMEOUT = 5.0


class TowerServer(unittest.IsolatedAsyncioTestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = subprocess.Popen(
            [os.environ["SIGNPOST_TOWER_MCP_SERVER"], "--port", "0"], stdout=subprocess.PIPE, text=True
        )
        line = cls.proc.stdout.readline()
        match = re.fullmatch(r"MCP server: (http://127\.0\.0\.1:\d+/mcp)\n", line)
        if not match:
            cls.proc.kill()
            raise RuntimeError(f"the tower server said {line!r}")
        cls.url = match.group(1)
        cls.origin = cls.url.removesuffix("/mcp")
        cls.prm = f"{cls.origin}/.well-known/oauth-protected-resource/mcp"

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(timeout=10)

    async def post(self, token=None):
        headers = {"authorization": f"Bearer {token}"} if token else {}
        async with httpx2.AsyncClient(timeout=TIMEOUT) as client:
            return await client.post(self.url, headers=headers)

    async def test_401_without_credentials(self):
        response = await self.post()
        self.assertEqual(response.status_code, 401)
        # httpx joins the two field lines (Bearer, then DPoP) with ", "; the SDK searches the
        # joined value, and the Bearer challenge's parameters come first.
        self.assertEqual(len(response.headers.get_list("www-authenticate")), 2)
        self.assertEqual(extract_scope_from_www_auth(response), "mcp:tools")
        self.assertEqual(extract_resource_metadata_from_www_auth(response), self.prm)
        self.assertIsNone(extract_field_from_www_auth(response, "error"))

    async def test_401_invalid_token(self):
        response = await self.post("made-up")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(extract_field_from_www_auth(response, "error"), "invalid_token")
        self.assertEqual(extract_scope_from_www_auth(response), "mcp:tools")
        self.assertEqual(extract_resource_metadata_from_www_auth(response), self.prm)

    async def test_403_step_up_scope(self):
        response = await self.post("resources-token")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(extract_field_from_www_auth(response, "error"), "insufficient_scope")
        challenged = extract_scope_from_www_auth(response)
        self.assertEqual(challenged, "mcp:tools")
        # The step-up asks for the union of the scope held and the challenge's.
        self.assertEqual(union_scopes("mcp:resources", challenged), "mcp:resources mcp:tools")

    async def test_protected_resource_discovery(self):
        response = await self.post()
        urls = build_protected_resource_metadata_discovery_urls(
            extract_resource_metadata_from_www_auth(response), self.url
        )
        # The challenge's URL, then the path-inserted one (the same URL here), then the root.
        self.assertEqual(urls, [self.prm, self.prm, f"{self.origin}/.well-known/oauth-protected-resource"])
        async with httpx2.AsyncClient(timeout=TIMEOUT) as client:
            metadata = await handle_protected_resource_response(await client.get(urls[0]))
            root = await client.get(urls[2])
        self.assertIsNotNone(metadata)
        self.assertEqual(str(metadata.resource), self.url)
        self.assertEqual([str(a) for a in metadata.authorization_servers], ["https://auth.example.com"])
        self.assertEqual(metadata.scopes_supported, ["mcp:tools", "mcp:resources"])
        self.assertEqual(metadata.dpop_signing_alg_values_supported, ["ES256"])
        # No document at the root: the resource is /mcp.
        self.assertEqual(root.status_code, 404)
        # Scope selection: the challenge's scope wins over scopes_supported.
        self.assertEqual(get_client_metadata_scopes("mcp:tools", metadata), "mcp:tools")
        self.assertEqual(get_client_metadata_scopes(None, metadata), "mcp:tools mcp:resources")
        # The authorization server the metadata names: RFC 8414, then OIDC, at the root.
        self.assertEqual(
            build_oauth_authorization_server_metadata_discovery_urls(
                str(metadata.authorization_servers[0]), self.url
            ),
            [
                "https://auth.example.com/.well-known/oauth-authorization-server",
                "https://auth.example.com/.well-known/openid-configuration",
            ],
        )



class DecoyHandler(BaseHTTPRequestHandler):
    """A 401 whose challenge has look-alikes before the real parameters."""

    def do_GET(self):
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.send_response(401)
        self.send_header(
            "WWW-Authenticate",
            f'Bearer x_resource_metadata="{origin}/decoy-metadata", '
            f'resource_metadata="{origin}/.well-known/oauth-protected-resource/mcp", '
            'x_scope="admin", scope="mcp:tools"',
        )
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Decoy(unittest.TestCase):
    """The SDK finds parameters by substring: a look-alike before the real one wins."""

    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), DecoyHandler)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.origin = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_look_alikes_win(self):
        response = httpx2.get(f"{self.origin}/mcp", timeout=TIMEOUT)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(extract_resource_metadata_from_www_auth(response), f"{self.origin}/decoy-metadata")
        self.assertEqual(extract_scope_from_www_auth(response), "admin")


if __name__ == "__main__":
    unittest.main()
