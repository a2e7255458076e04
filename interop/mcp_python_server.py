"""A protected MCP resource written with the MCP Python SDK's own server auth pieces.

Composed as the SDK's low-level server composes them when it is given a token verifier and
`AuthSettings`: starlette's `AuthenticationMiddleware` with the SDK's `BearerAuthBackend`,
`RequireAuthMiddleware` in front of `/mcp` (required scope `mcp:tools`, `resource_metadata`
from `build_resource_metadata_url`), the RFC 9728 metadata from
`create_protected_resource_routes`, and the authorization server's RFC 8414 metadata from
`build_metadata` served by the SDK's `MetadataHandler`. Served by uvicorn on 127.0.0.1, on a
free port; prints `MCP server: URL` and serves until killed.
"""

import asyncio
import json
import socket
import time

import uvicorn
from pydantic import AnyHttpUrl
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.routing import Route

from mcp.server.auth.handlers.metadata import MetadataHandler
from mcp.server.auth.middleware.bearer_auth import BearerAuthBackend, RequireAuthMiddleware
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.routes import build_metadata, build_resource_metadata_url, create_protected_resource_routes
from mcp.server.auth.settings import ClientRegistrationOptions, RevocationOptions

TOKENS = {"tools-token": ["mcp:tools"], "resources-token": ["mcp:resources"]}


class FixedTokens:
    """The toy verifier (the SDK's `TokenVerifier` protocol)."""

    async def verify_token(self, token: str) -> AccessToken | None:
        scopes = TOKENS.get(token)
        if scopes is None:
            return None
        return AccessToken(token=token, client_id="interop-client", scopes=scopes, expires_at=int(time.time()) + 3600)


async def mcp_endpoint(scope, receive, send):
    """The MCP endpoint: a JSON-RPC answer (the transport itself is not under test)."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "result": {}}).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def app(origin: str) -> Starlette:
    resource = AnyHttpUrl(f"{origin}/mcp")
    issuer = AnyHttpUrl(origin)
    metadata = build_metadata(issuer, None, ClientRegistrationOptions(enabled=True), RevocationOptions())
    routes = [
        Route("/mcp", endpoint=RequireAuthMiddleware(mcp_endpoint, ["mcp:tools"], build_resource_metadata_url(resource))),
        *create_protected_resource_routes(resource, [issuer], scopes_supported=["mcp:tools", "mcp:resources"]),
        Route("/.well-known/oauth-authorization-server", endpoint=MetadataHandler(metadata).handle, methods=["GET"]),
    ]
    middleware = [Middleware(AuthenticationMiddleware, backend=BearerAuthBackend(FixedTokens()))]
    return Starlette(routes=routes, middleware=middleware)


async def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    # Listening before the URL is printed: a connection made before uvicorn accepts waits in
    # the backlog instead of being refused.
    sock.listen(128)
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(app(origin), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    print(f"MCP server: {origin}/mcp", flush=True)
    await server.serve(sockets=[sock])


if __name__ == "__main__":
    asyncio.run(main())
