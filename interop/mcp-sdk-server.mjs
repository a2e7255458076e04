// A protected MCP resource written with the MCP TypeScript SDK's own server pieces, as its
// documentation shows them: `requireBearerAuth` in front of `/mcp`, `mcpAuthMetadataRouter`
// serving the RFC 9728 metadata (path-inserted) and the authorization server's RFC 8414
// metadata, on express. It binds 127.0.0.1 on a free port.
//
// Run alone (`node mcp-sdk-server.mjs`) it prints its URL and serves until killed; the tests
// import `start()`.
import express from 'express';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import {
    mcpAuthMetadataRouter,
    getOAuthProtectedResourceMetadataUrl
} from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';

/** The scope `/mcp` requires. */
export const TOOLS_SCOPE = 'mcp:tools';

/** The tokens the toy verifier knows (the SDK's `OAuthTokenVerifier` interface). */
const TOKENS = {
    'tools-token': { scopes: ['mcp:tools'], subject: 'alice' },
    'resources-token': { scopes: ['mcp:resources'], subject: 'bob' }
};

const verifier = {
    async verifyAccessToken(token) {
        const known = TOKENS[token];
        if (!known) {
            throw new InvalidTokenError('Unknown token');
        }
        return {
            token,
            clientId: 'interop-client',
            scopes: known.scopes,
            expiresAt: Math.floor(Date.now() / 1000) + 3600,
            extra: { subject: known.subject }
        };
    }
};

/**
 * Starts the server; resolves to `{ url, origin, close }` (`url` is the resource, `/mcp`).
 */
export async function start() {
    const app = express();
    // The routes need the port, known once listening: they are mounted on a router that is
    // filled in after `listen`.
    const late = express.Router();
    app.use(late);
    const server = await new Promise((resolve, reject) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
    });
    const { port } = server.address();
    const origin = `http://127.0.0.1:${port}`;
    const resourceServerUrl = new URL(`${origin}/mcp`);
    // The issuer as the SDK's own `mcpAuthRouter` writes it: `new URL(...).href`.
    const issuer = new URL(origin).href;
    late.use(
        mcpAuthMetadataRouter({
            oauthMetadata: {
                issuer,
                authorization_endpoint: `${origin}/authorize`,
                token_endpoint: `${origin}/token`,
                registration_endpoint: `${origin}/register`,
                response_types_supported: ['code'],
                grant_types_supported: ['authorization_code', 'refresh_token'],
                code_challenge_methods_supported: ['S256'],
                token_endpoint_auth_methods_supported: ['none']
            },
            resourceServerUrl,
            scopesSupported: ['mcp:tools', 'mcp:resources'],
            resourceName: 'MCP TypeScript SDK interop server'
        })
    );
    const auth = requireBearerAuth({
        verifier,
        requiredScopes: [TOOLS_SCOPE],
        resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceServerUrl)
    });
    late.all('/mcp', auth, (req, res) => {
        res.json({ jsonrpc: '2.0', id: 1, result: { subject: req.auth.extra.subject } });
    });
    // No keep-alive: every connection closes with its response, so `close` returns at once.
    server.keepAliveTimeout = 1;
    return {
        url: resourceServerUrl.href,
        origin,
        close: () =>
            new Promise(resolve => {
                server.closeAllConnections?.();
                server.close(() => resolve());
            })
    };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const { url } = await start();
    console.log(`MCP server: ${url}`);
}
