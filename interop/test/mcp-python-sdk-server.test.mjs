// The MCP Python SDK's server side (BearerAuthBackend, RequireAuthMiddleware,
// create_protected_resource_routes, build_metadata; mcp_python_server.py), audited by
// `signpost check` and read by signpost's client (`signpost explain`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, signpost, check, startPythonServer, explainMoved, REFUSED, authorizeAtPublic } from '../lib.mjs';

let server;
// Server-given text with the port in it, made comparable: the origin becomes `ORIGIN`.
const anon = value => JSON.parse(JSON.stringify(value).replaceAll(server.origin, 'ORIGIN'));

before(async () => {
    server = await startPythonServer();
});
after(async () => {
    await server?.close();
});

const PRM = 'ORIGIN/.well-known/oauth-protected-resource/mcp';

test('the Python SDK server: each answer, exactly', async () => {
    const none = await request(server.url);
    assert.equal(none.status, 401);
    assert.deepEqual(anon(none.challenges), [
        `Bearer error="invalid_token", error_description="Authentication required", resource_metadata="${PRM}"`
    ]);
    // A made-up token gets the very same answer as no token at all.
    const unknown = await request(server.url, { headers: { authorization: 'Bearer made-up' } });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.challenges, none.challenges);
    const narrow = await request(server.url, { headers: { authorization: 'Bearer resources-token' } });
    assert.equal(narrow.status, 403);
    assert.deepEqual(anon(narrow.challenges), [
        `Bearer error="insufficient_scope", error_description="Required scope: mcp:tools", resource_metadata="${PRM}"`
    ]);
    const ok = await request(server.url, { headers: { authorization: 'Bearer tools-token' } });
    assert.equal(ok.status, 200);
});

const FINDINGS = {
    'challenge.status': ['pass', '401 to a request without credentials'],
    'challenge.header': ['pass', '1 WWW-Authenticate line(s)'],
    'challenge.syntax': ['pass', 'every line parses: Bearer'],
    'challenge.bearer': ['pass', 'Bearer on line 1'],
    // RFC 6750 §3.1: no error code on a request without credentials.
    'challenge.no-error-without-credentials': ['fail', 'error="invalid_token" on a request that carried no credentials'],
    'challenge.resource-metadata': ['pass', `resource_metadata="${PRM}" (line 1)`],
    // MCP 2025-11-25: the challenge should name the scope the resource needs.
    'challenge.scope': ['fail', 'no scope parameter'],
    'challenge.invalid-token': ['pass', 'a made-up Bearer token got 401 with error="invalid_token"'],
    'prm.fetch': ['pass', `at ${PRM}, the challenge's resource_metadata URL`],
    'prm.resource': ['pass', 'resource "ORIGIN/mcp" is identical to the request URL'],
    'prm.authorization-servers': ['pass', 'authorization_servers: ORIGIN/'],
    'as.fetch': ['pass', 'at ORIGIN/.well-known/oauth-authorization-server'],
    'as.issuer': ['pass', 'issuer "ORIGIN/" is identical to the issuer identifier'],
    'as.pkce': ['pass', 'code_challenge_methods_supported: [S256]'],
    'as.registration': ['pass', 'registration_endpoint ORIGIN/register'],
    'endpoints.https': ['pass', '0 https, 6 loopback http (allowed by --allow-local)'],
    'guard.urls': ['pass', '6 server-given URL(s) passed the guard']
};

test('signpost check: the findings on the Python SDK server', async () => {
    const { code, findings, summary } = await check(server.url);
    assert.deepEqual(anon(findings), FINDINGS);
    assert.deepEqual(Object.keys(findings), Object.keys(FINDINGS));
    assert.deepEqual(summary, { must_failed: 0, should_failed: 2 });
    assert.equal(code, 0);
});

test('signpost check --token resources-token: the 403 has no scope', async () => {
    const { code, findings, summary } = await check(server.url, '--token', 'resources-token');
    const expected = Object.entries(FINDINGS);
    // RFC 6750 §3.1: insufficient_scope "MAY include the scope attribute with the scope
    // necessary"; MCP 2025-11-25 asks for it on a 403.
    expected.splice(8, 0, ['token.insufficient-scope', ['fail', '403 with error="insufficient_scope" but no scope']]);
    assert.deepEqual(anon(findings), Object.fromEntries(expected));
    assert.deepEqual(Object.keys(findings), expected.map(([id]) => id));
    assert.deepEqual(summary, { must_failed: 0, should_failed: 3 });
    assert.equal(code, 0);
});

// signpost's client (`explain`) runs every URL a server hands out through its guard: on the
// SDK's own lines it refuses the loopback resource_metadata, and follows it with
// `--allow-local` (a server on this machine). The same lines with the origin moved to a public
// host show the decision signpost makes on the SDK's parameters without the switch.
const explain = (response, ...flags) => explainMoved(server, response, ...flags);
const refused = REFUSED;
const authorize = authorizeAtPublic;

test('signpost explain: 401 without credentials (authorize, no scope named)', async () => {
    const none = await request(server.url);
    assert.deepEqual(await explain(none, '--status', '401'), [refused, authorize([])]);
});

test('signpost explain: 403 without scope (authorize for the scope held)', async () => {
    const narrow = await request(server.url, { headers: { authorization: 'Bearer resources-token' } });
    assert.deepEqual(await explain(narrow, '--status', '403', '--token', '--scope', 'mcp:resources'), [
        refused,
        authorize(['mcp:resources'])
    ]);
});
