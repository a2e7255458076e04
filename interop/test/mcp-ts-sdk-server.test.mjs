// The MCP TypeScript SDK's server side (requireBearerAuth, mcpAuthMetadataRouter on express),
// audited by `signpost check` and read by signpost's client (`signpost explain`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../mcp-sdk-server.mjs';
import { request, signpost, check, explainMoved, REFUSED, authorizeAtPublic } from '../lib.mjs';

let server;
// Server-given text with the port in it, made comparable: the origin becomes `ORIGIN`.
const anon = value => JSON.parse(JSON.stringify(value).replaceAll(server.origin, 'ORIGIN'));

before(async () => {
    server = await start();
});
after(async () => {
    await server?.close();
});

const PRM = 'ORIGIN/.well-known/oauth-protected-resource/mcp';

test('the SDK server: each answer, exactly', async () => {
    const none = await request(server.url);
    assert.equal(none.status, 401);
    assert.deepEqual(anon(none.challenges), [
        `Bearer error="invalid_token", error_description="Missing Authorization header", scope="mcp:tools", resource_metadata="${PRM}"`
    ]);
    const unknown = await request(server.url, { headers: { authorization: 'Bearer made-up' } });
    assert.equal(unknown.status, 401);
    assert.deepEqual(anon(unknown.challenges), [
        `Bearer error="invalid_token", error_description="Unknown token", scope="mcp:tools", resource_metadata="${PRM}"`
    ]);
    const narrow = await request(server.url, { headers: { authorization: 'Bearer resources-token' } });
    assert.equal(narrow.status, 403);
    assert.deepEqual(anon(narrow.challenges), [
        `Bearer error="insufficient_scope", error_description="Insufficient scope", scope="mcp:tools", resource_metadata="${PRM}"`
    ]);
    const ok = await request(server.url, { headers: { authorization: 'Bearer tools-token' } });
    assert.equal(ok.status, 200);
});

// The findings every run must show, in order (the port replaced by ORIGIN).
const FINDINGS = {
    'challenge.status': ['pass', '401 to a request without credentials'],
    'challenge.header': ['pass', '1 WWW-Authenticate line(s)'],
    'challenge.syntax': ['pass', 'every line parses: Bearer'],
    'challenge.bearer': ['pass', 'Bearer on line 1'],
    // The SDK's deviation: RFC 6750 §3.1 says a request without credentials gets no error code.
    'challenge.no-error-without-credentials': ['fail', 'error="invalid_token" on a request that carried no credentials'],
    'challenge.resource-metadata': ['pass', `resource_metadata="${PRM}" (line 1)`],
    'challenge.scope': ['pass', 'scope="mcp:tools" (line 1)'],
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

test('signpost check: the findings on the SDK server', async () => {
    const { code, findings, summary } = await check(server.url);
    assert.deepEqual(anon(findings), FINDINGS);
    assert.deepEqual(Object.keys(findings), Object.keys(FINDINGS));
    assert.deepEqual(summary, { must_failed: 0, should_failed: 1 });
    assert.equal(code, 0);
});

test('signpost check --token resources-token: the 403 has insufficient_scope and scope', async () => {
    const { code, findings, summary } = await check(server.url, '--token', 'resources-token');
    assert.deepEqual(anon(findings['token.insufficient-scope']), [
        'pass',
        '403 with error="insufficient_scope", scope="mcp:tools"'
    ]);
    const expected = Object.entries(FINDINGS);
    expected.splice(8, 0, ['token.insufficient-scope', anon(findings['token.insufficient-scope'])]);
    assert.deepEqual(anon(findings), Object.fromEntries(expected));
    assert.deepEqual(Object.keys(findings), expected.map(([id]) => id));
    assert.deepEqual(summary, { must_failed: 0, should_failed: 1 });
    assert.equal(code, 0);
});

// signpost's client (`explain`) runs every URL a server hands out through its guard: on the
// SDK's own lines it refuses the loopback resource_metadata, and follows it with
// `--allow-local` (a server on this machine). The same lines with the origin moved to a public
// host show the decision signpost makes on the SDK's parameters without the switch.
const explain = (response, ...flags) => explainMoved(server, response, ...flags);
const refused = REFUSED;
const authorize = authorizeAtPublic;

test('signpost explain: 401 without credentials (error="invalid_token" forgiven: authorize)', async () => {
    const none = await request(server.url);
    assert.deepEqual(await explain(none, '--status', '401'), [refused, authorize(['mcp:tools'])]);
});

test('signpost explain: 401 invalid_token on a made-up token (authorize)', async () => {
    const unknown = await request(server.url, { headers: { authorization: 'Bearer made-up' } });
    assert.deepEqual(await explain(unknown, '--status', '401', '--token'), [refused, authorize(['mcp:tools'])]);
});

test('signpost explain: 403 insufficient_scope (authorize for the union of the scopes)', async () => {
    const narrow = await request(server.url, { headers: { authorization: 'Bearer resources-token' } });
    assert.deepEqual(await explain(narrow, '--status', '403', '--token', '--scope', 'mcp:resources'), [
        refused,
        authorize(['mcp:resources', 'mcp:tools'])
    ]);
});
