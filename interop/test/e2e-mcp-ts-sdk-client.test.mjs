// The MCP TypeScript SDK's client discovery against signpost-e2e's example resource server
// (e2e/examples/resource_server.rs), which serves its RFC 9728 metadata and its test
// authorization server's RFC 8414 metadata (issuer `http://127.0.0.1:PORT/as`, a path) on the
// same loopback socket: run as it starts (Bearer) and with `--dpop` (DPoP-bound tokens only).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@modelcontextprotocol/sdk/client/auth.js';
import { startE2E, recordingFetch, REQUEST_TIMEOUT_MS } from '../lib.mjs';

const PRM = 'ORIGIN/.well-known/oauth-protected-resource/resource';
const ASM = 'ORIGIN/.well-known/oauth-authorization-server/as';
/** The example's RFC 9728 document, as served (`--dpop` adds the two DPoP members). */
const metadata = dpop => ({
    resource: 'ORIGIN/resource',
    authorization_servers: ['ORIGIN/as'],
    scopes_supported: ['files:read', 'files:write'],
    bearer_methods_supported: ['header'],
    ...(dpop ? { dpop_signing_alg_values_supported: ['ES256'], dpop_bound_access_tokens_required: true } : {})
});
/** Its test authorization server's RFC 8414 document, as served (the same in both modes). */
const AS_METADATA = {
    issuer: 'ORIGIN/as',
    authorization_endpoint: 'ORIGIN/as/authorize',
    token_endpoint: 'ORIGIN/as/token',
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    scopes_supported: ['files:read', 'files:write'],
    dpop_signing_alg_values_supported: ['ES256'],
    code_challenge_methods_supported: ['S256'],
    client_id_metadata_document_supported: true
};

for (const dpop of [false, true]) {
    describe(`the e2e server${dpop ? ' with --dpop' : ''}`, () => {
        let server;
        // Server-given text with the port in it, made comparable: the origin becomes `ORIGIN`.
        const anon = value =>
            JSON.parse(JSON.stringify(value, (_, v) => (v instanceof URL ? v.href : v)).replaceAll(server.origin, 'ORIGIN'));
        before(async () => {
            server = await startE2E(dpop ? ['--dpop'] : []);
        });
        after(async () => {
            await server?.close();
        });

        test('extractWWWAuthenticateParams on the 401 without credentials', async () => {
            const response = await fetch(server.resource, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
            assert.equal(response.status, 401);
            assert.deepEqual(anon(sdk.extractWWWAuthenticateParams(response)), EXTRACTED[dpop]);
        });

        test('discoverOAuthProtectedResourceMetadata: the path-inserted URL, one request', async () => {
            const log = [];
            const found = await sdk.discoverOAuthProtectedResourceMetadata(server.resource, undefined, recordingFetch(log));
            assert.deepEqual(anon(found), metadata(dpop));
            assert.deepEqual(anon(log), [`GET ${PRM} -> 200`]);
        });

        test('discoverAuthorizationServerMetadata: the issuer with a path, RFC 8414 URL first', async () => {
            const log = [];
            const found = await sdk.discoverAuthorizationServerMetadata(server.issuer, { fetchFn: recordingFetch(log) });
            assert.deepEqual(anon(found), AS_METADATA);
            assert.deepEqual(anon(log), [`GET ${ASM} -> 200`]);
        });

        test('discoverOAuthServerInfo: the whole chain', async () => {
            const log = [];
            const info = await sdk.discoverOAuthServerInfo(server.resource, { fetchFn: recordingFetch(log) });
            assert.deepEqual(anon(info), {
                authorizationServerUrl: 'ORIGIN/as',
                authorizationServerMetadata: AS_METADATA,
                resourceMetadata: metadata(dpop)
            });
            assert.deepEqual(anon(log), [`GET ${PRM} -> 200`, `GET ${ASM} -> 200`]);
        });

        test('the server served exactly these requests', async () => {
            assert.deepEqual(await server.logged(5), [
                'GET /resource -> 401',
                'GET /.well-known/oauth-protected-resource/resource -> 200',
                'GET /.well-known/oauth-authorization-server/as -> 200',
                'GET /.well-known/oauth-protected-resource/resource -> 200',
                'GET /.well-known/oauth-authorization-server/as -> 200'
            ]);
        });
    });
}

/** What the SDK reads from the challenge: all of it from `Bearer …`; nothing from `DPoP …`. */
const EXTRACTED = {
    false: { resourceMetadataUrl: PRM, scope: 'files:read' },
    true: {}
};
