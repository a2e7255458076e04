// Challenges the SDKs' clients read by substring: a look-alike parameter before the real one,
// and a DPoP challenge before the Bearer one (RFC 9110 §11.6.1 lets a response carry several
// challenges, in any order). A tiny server on loopback sends them; the MCP TypeScript SDK's
// client, signpost check and signpost explain read them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import * as sdk from '@modelcontextprotocol/sdk/client/auth.js';
import { check, signpost, request, REQUEST_TIMEOUT_MS } from '../lib.mjs';

let server;
let origin;
const PRM = () => `${origin}/.well-known/oauth-protected-resource/mcp`;
// path -> the WWW-Authenticate lines of its 401
const ANSWERS = {
    '/decoy': () => [`Bearer x_resource_metadata="${origin}/decoy-metadata", resource_metadata="${PRM()}", x_scope="admin", scope="mcp:tools"`],
    '/decoy-only': () => [`Bearer x_resource_metadata="${origin}/decoy-metadata", scope="mcp:tools"`],
    '/dpop-first': () => [`DPoP algs="ES256", resource_metadata="${PRM()}"`, `Bearer scope="mcp:tools", resource_metadata="${PRM()}"`]
};

before(async () => {
    server = http.createServer((req, res) => {
        const lines = ANSWERS[req.url];
        if (!lines) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(401, [...lines().flatMap(line => ['WWW-Authenticate', line]), 'Connection', 'close']).end();
    });
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
});

const get = path => fetch(`${origin}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

test('a look-alike x_resource_metadata before resource_metadata: the SDK follows the decoy', async () => {
    const params = sdk.extractWWWAuthenticateParams(await get('/decoy'));
    assert.equal(params.resourceMetadataUrl.href, `${origin}/decoy-metadata`);
    // `scope=` matches inside `x_scope=` too.
    assert.equal(params.scope, 'admin');
    assert.equal(sdk.extractResourceMetadataUrl(await get('/decoy')).href, `${origin}/decoy-metadata`);
});

test('a look-alike x_resource_metadata: signpost check reads the real one', async () => {
    const { findings } = await check(`${origin}/decoy`);
    // The look-alike is named only when the real parameter is missing (next test).
    assert.deepEqual(findings['challenge.resource-metadata'], ['pass', `resource_metadata="${PRM()}" (line 1)`]);
    assert.deepEqual(findings['challenge.scope'], ['pass', 'scope="mcp:tools" (line 1)']);
});

test('only a look-alike: the SDK follows it, signpost check names it and fails', async () => {
    assert.equal(sdk.extractResourceMetadataUrl(await get('/decoy-only')).href, `${origin}/decoy-metadata`);
    const { findings } = await check(`${origin}/decoy-only`);
    assert.deepEqual(findings['challenge.resource-metadata'], [
        'fail',
        'no resource_metadata parameter (x_resource_metadata is not it)'
    ]);
});

test('a look-alike x_resource_metadata: signpost explain follows the real one', async () => {
    const { challenges } = await request(`${origin}/decoy`, { method: 'GET' });
    const moved = challenges.map(line => line.replaceAll(origin, 'https://mcp.example.com'));
    const { json } = await signpost('explain', '--json', '--url', 'https://mcp.example.com/decoy', ...moved);
    assert.deepEqual(json.next_step, {
        action: 'authorize',
        metadata_url: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
        scope: ['mcp:tools'],
        resource: 'https://mcp.example.com/decoy'
    });
});

test('DPoP before Bearer: the SDK finds nothing, signpost finds the Bearer challenge', async () => {
    assert.deepEqual(sdk.extractWWWAuthenticateParams(await get('/dpop-first')), {});
    assert.equal(sdk.extractResourceMetadataUrl(await get('/dpop-first')), undefined);
    const { challenges } = await request(`${origin}/dpop-first`, { method: 'GET' });
    const moved = challenges.map(line => line.replaceAll(origin, 'https://mcp.example.com'));
    const { json } = await signpost('explain', '--json', '--url', 'https://mcp.example.com/dpop-first', ...moved);
    assert.deepEqual(json.next_step, {
        action: 'authorize',
        metadata_url: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
        scope: ['mcp:tools'],
        resource: 'https://mcp.example.com/dpop-first'
    });
});
