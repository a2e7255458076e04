// signpost-tower's example MCP server (crates/tower/examples/mcp_server.rs) read by clients we
// did not write: the MCP TypeScript SDK's discovery and oauth4webapi.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@modelcontextprotocol/sdk/client/auth.js';
import * as oauth from 'oauth4webapi';
import { startTower, recordingFetch, proofRecordingFetch, request, REQUEST_TIMEOUT_MS } from '../lib.mjs';

let server;
// Server-given text with the port in it, made comparable: the origin becomes `ORIGIN`.
const anon = value =>
    JSON.parse(JSON.stringify(value, (_, v) => (v instanceof URL ? v.href : v)).replaceAll(server.origin, 'ORIGIN'));

before(async () => {
    server = await startTower();
});
after(async () => {
    await server?.close();
});

const PRM = 'ORIGIN/.well-known/oauth-protected-resource/mcp';
/** The example's RFC 9728 document, as served. */
const METADATA = {
    resource: 'ORIGIN/mcp',
    authorization_servers: ['https://auth.example.com'],
    scopes_supported: ['mcp:tools', 'mcp:resources'],
    bearer_methods_supported: ['header'],
    resource_name: 'signpost MCP example',
    dpop_signing_alg_values_supported: ['ES256']
};
/** The example names `https://auth.example.com` and runs no authorization server: the
 * recording fetch answers for it offline with this document (nothing leaves loopback). */
const ISSUER = 'https://auth.example.com';
const AS_METADATA = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256']
};
const post = headers => fetch(server.url, { method: 'POST', headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

test('the tower server: each answer, exactly (two challenges, Bearer first)', async () => {
    const none = await request(server.url);
    assert.equal(none.status, 401);
    assert.deepEqual(anon(none.challenges), [
        `Bearer scope="mcp:tools", resource_metadata="${PRM}"`,
        `DPoP scope="mcp:tools", algs="ES256", resource_metadata="${PRM}"`
    ]);
    const narrow = await request(server.url, { headers: { authorization: 'Bearer resources-token' } });
    assert.equal(narrow.status, 403);
    assert.deepEqual(anon(narrow.challenges), [
        `Bearer error="insufficient_scope", scope="mcp:tools", resource_metadata="${PRM}"`,
        `DPoP error="insufficient_scope", scope="mcp:tools", algs="ES256", resource_metadata="${PRM}"`
    ]);
});

describe('MCP TypeScript SDK client', () => {
    test('extractWWWAuthenticateParams: 401 without credentials', async () => {
        const response = await post({});
        assert.equal(response.status, 401);
        assert.deepEqual(anon(sdk.extractWWWAuthenticateParams(response)), {
            resourceMetadataUrl: PRM,
            scope: 'mcp:tools'
        });
        assert.equal(sdk.extractWWWAuthenticateParams(response).error, undefined);
        assert.equal(anon(sdk.extractResourceMetadataUrl(response)), PRM);
    });

    test('extractWWWAuthenticateParams: 401 invalid_token', async () => {
        const response = await post({ authorization: 'Bearer made-up' });
        assert.equal(response.status, 401);
        assert.deepEqual(anon(sdk.extractWWWAuthenticateParams(response)), {
            resourceMetadataUrl: PRM,
            scope: 'mcp:tools',
            error: 'invalid_token'
        });
    });

    test('extractWWWAuthenticateParams: 403 insufficient_scope', async () => {
        const response = await post({ authorization: 'Bearer resources-token' });
        assert.equal(response.status, 403);
        assert.deepEqual(anon(sdk.extractWWWAuthenticateParams(response)), {
            resourceMetadataUrl: PRM,
            scope: 'mcp:tools',
            error: 'insufficient_scope'
        });
    });

    test('discoverOAuthProtectedResourceMetadata: the path-inserted URL, one request', async () => {
        const log = [];
        const found = await sdk.discoverOAuthProtectedResourceMetadata(server.url, undefined, recordingFetch(log));
        assert.deepEqual(anon(found), METADATA);
        assert.deepEqual(anon(log), [`GET ${PRM} -> 200`]);
    });

    test('discoverOAuthProtectedResourceMetadata: at the challenge resource_metadata', async () => {
        const log = [];
        const challenge = sdk.extractWWWAuthenticateParams(await post({}));
        const found = await sdk.discoverOAuthProtectedResourceMetadata(
            server.url,
            { resourceMetadataUrl: challenge.resourceMetadataUrl },
            recordingFetch(log)
        );
        assert.deepEqual(anon(found), METADATA);
        assert.deepEqual(anon(log), [`GET ${PRM} -> 200`]);
    });

    test('discoverAuthorizationServerMetadata: the probe order for the issuer the metadata names', async () => {
        const log = [];
        assert.equal(await sdk.discoverAuthorizationServerMetadata(ISSUER, { fetchFn: recordingFetch(log) }), undefined);
        assert.deepEqual(log, [
            'GET https://auth.example.com/.well-known/oauth-authorization-server -> 404 (offline)',
            'GET https://auth.example.com/.well-known/openid-configuration -> 404 (offline)'
        ]);
    });

    test('discoverOAuthServerInfo: the whole chain', async () => {
        const log = [];
        const fetchFn = recordingFetch(log, { [`${ISSUER}/.well-known/oauth-authorization-server`]: AS_METADATA });
        const info = await sdk.discoverOAuthServerInfo(server.url, { fetchFn });
        assert.deepEqual(anon(info), {
            authorizationServerUrl: ISSUER,
            authorizationServerMetadata: AS_METADATA,
            resourceMetadata: METADATA
        });
        assert.deepEqual(anon(log), [
            `GET ${PRM} -> 200`,
            'GET https://auth.example.com/.well-known/oauth-authorization-server -> 200 (offline)'
        ]);
    });
});

describe('oauth4webapi', () => {
    // oauth4webapi refuses http URLs unless told: the loopback server is plain http.
    const insecure = { [oauth.allowInsecureRequests]: true };

    test('without allowInsecureRequests it refuses the http resource', async () => {
        await assert.rejects(oauth.resourceDiscoveryRequest(new URL(server.url)), {
            code: 'OAUTH_HTTP_REQUEST_FORBIDDEN'
        });
    });

    const challenged = async token => {
        const log = [];
        const error = await oauth
            .protectedResourceRequest(token, 'POST', new URL(server.url), new Headers(), null, {
                ...insecure,
                [oauth.customFetch]: recordingFetch(log)
            })
            .then(
                () => assert.fail('no challenge'),
                e => e
            );
        assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, String(error));
        assert.deepEqual(anon(log), ['POST ORIGIN/mcp -> ' + error.status]);
        return { status: error.status, challenges: anon(error.cause) };
    };

    test('parses the 401 invalid_token challenges (both)', async () => {
        const parameters = {
            error: 'invalid_token',
            error_description: 'The access token is invalid',
            scope: 'mcp:tools'
        };
        assert.deepEqual(await challenged('made-up'), {
            status: 401,
            challenges: [
                { scheme: 'bearer', parameters: { ...parameters, resource_metadata: PRM } },
                { scheme: 'dpop', parameters: { ...parameters, algs: 'ES256', resource_metadata: PRM } }
            ]
        });
    });

    test('parses the 401 of an expired token', async () => {
        const { status, challenges } = await challenged('expired-token');
        assert.equal(status, 401);
        assert.deepEqual(
            challenges.map(c => [c.scheme, c.parameters.error, c.parameters.error_description]),
            [
                ['bearer', 'invalid_token', 'The access token expired'],
                ['dpop', 'invalid_token', 'The access token expired']
            ]
        );
    });

    test('parses the 403 insufficient_scope challenges (both)', async () => {
        const parameters = { error: 'insufficient_scope', scope: 'mcp:tools' };
        assert.deepEqual(await challenged('resources-token'), {
            status: 403,
            challenges: [
                { scheme: 'bearer', parameters: { ...parameters, resource_metadata: PRM } },
                { scheme: 'dpop', parameters: { ...parameters, algs: 'ES256', resource_metadata: PRM } }
            ]
        });
    });

    test('RFC 9728 discovery: resourceDiscoveryRequest + processResourceDiscoveryResponse', async () => {
        const log = [];
        const resource = new URL(server.url);
        const response = await oauth.resourceDiscoveryRequest(resource, { ...insecure, [oauth.customFetch]: recordingFetch(log) });
        assert.deepEqual(anon(await oauth.processResourceDiscoveryResponse(resource, response)), METADATA);
        assert.deepEqual(anon(log), [`GET ${PRM} -> 200`]);
    });

    test('DPoP: use_dpop_nonce is recognised and the next proof carries the nonce', async () => {
        const log = [];
        const proofs = [];
        const customFetch = proofRecordingFetch(log, proofs);
        const dpop = oauth.DPoP({ client_id: 'interop' }, await oauth.generateKeyPair('ES256'));
        const options = { ...insecure, DPoP: dpop, [oauth.customFetch]: customFetch };
        const errors = [];
        for (let attempt = 0; attempt < 2; attempt++) {
            errors.push(
                await oauth
                    .protectedResourceRequest('dpop-token', 'POST', new URL(server.url), new Headers(), null, options)
                    .then(() => null, e => e)
            );
        }
        // The first answer: 401, a DPoP challenge with use_dpop_nonce (and DPoP-Nonce).
        assert.ok(oauth.isDPoPNonceError(errors[0]));
        assert.deepEqual(anon(errors[0].cause), [
            {
                scheme: 'dpop',
                parameters: {
                    error: 'use_dpop_nonce',
                    error_description: 'Resource server requires nonce in DPoP proof',
                    algs: 'ES256',
                    resource_metadata: PRM
                }
            }
        ]);
        // oauth4webapi's proofs are ES256 JWSs; the retry's carries the server's nonce.
        const claims = proofs.map(jws => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url')));
        assert.equal(claims[0].nonce, undefined);
        assert.equal(claims[1].nonce, 'n-8hq2');
        for (const c of claims) {
            assert.equal(c.htm, 'POST');
            assert.equal(c.htu, server.url);
            assert.equal(typeof c.ath, 'string');
        }
        // The example's verifier takes only its stand-in proof (`nonce=<n>`, not a JWS), so the
        // retry is refused the same way: the nonce flow ends here against this server.
        assert.ok(oauth.isDPoPNonceError(errors[1]));
        assert.deepEqual(anon(log), ['POST ORIGIN/mcp -> 401', 'POST ORIGIN/mcp -> 401']);
    });
});
