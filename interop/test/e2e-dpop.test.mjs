// oauth4webapi's DPoP (RFC 9449) against signpost-e2e's example resource server run with
// `--dpop` (e2e/examples/resource_server.rs), which checks real proofs (ES256; htm, htu, iat,
// jti, nonce, ath; the key the token is bound to) and runs the resource server's nonce flow
// (RFC 9449 §9): a DPoP-bound token from the example's test authorization server, then the
// protected resource, refused once with use_dpop_nonce and served on the retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { startE2E, proofRecordingFetch } from '../lib.mjs';

let server;
before(async () => {
    server = await startE2E(['--dpop']);
});
after(async () => {
    await server?.close();
});

// The loopback server is plain http: oauth4webapi refuses http URLs unless told
// (allowInsecureRequests), so every call here passes it.
const insecure = { [oauth.allowInsecureRequests]: true };
const anon = value => JSON.parse(JSON.stringify(value).replaceAll(server.origin, 'ORIGIN'));
const claims = jws => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url'));
const header = jws => JSON.parse(Buffer.from(jws.split('.')[0], 'base64url'));

test('a DPoP-bound token, then use_dpop_nonce, isDPoPNonceError, and the retry with the nonce gets 200', async () => {
    const log = [];
    const proofs = [];
    const customFetch = proofRecordingFetch(log, proofs);
    const options = { ...insecure, [oauth.customFetch]: customFetch };

    // RFC 8414 discovery of the issuer the server prints (the path-inserted URL).
    const issuer = new URL(server.issuer);
    const as = await oauth.processDiscoveryResponse(
        issuer,
        await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oauth2' })
    );
    assert.equal(as.token_endpoint, `${server.issuer}/token`);
    assert.deepEqual(as.dpop_signing_alg_values_supported, ['ES256']);

    // The DPoP handle: a WebCrypto ES256 key pair (non-extractable private key).
    const client = { client_id: 'interop' };
    const keyPair = await oauth.generateKeyPair('ES256');
    const DPoP = oauth.DPoP(client, keyPair);

    // The test authorization server's authorization_code grant is a stand-in for a whole
    // authorization (e2e/src/server.rs): it takes any client (no client authentication:
    // oauth4webapi's None()) and any code, and grants the `scope` the request names, bound to
    // the key of the request's DPoP proof. oauth4webapi's own code exchange sends it, with
    // the code of a callback URL it validated and `scope` as an additional parameter.
    const callback = oauth.validateAuthResponse(
        as,
        client,
        new URL('http://127.0.0.1/callback?code=stand-in'),
        oauth.skipStateCheck
    );
    const tokenResponse = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.None(),
        callback,
        'http://127.0.0.1/callback',
        oauth.nopkce,
        { ...options, DPoP, additionalParameters: { scope: 'files:read' } }
    );
    const token = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
    assert.equal(token.token_type, 'dpop');
    assert.equal(token.scope, 'files:read');
    assert.match(token.access_token, /^at-\d+$/);

    // The protected resource: the first proof has no nonce (the server sent none yet).
    const resource = new URL(server.resource);
    const error = await oauth
        .protectedResourceRequest(token.access_token, 'GET', resource, new Headers(), null, { ...options, DPoP })
        .then(
            () => assert.fail('no challenge'),
            e => e
        );
    assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, String(error));
    assert.equal(error.status, 401);
    assert.ok(oauth.isDPoPNonceError(error));
    assert.equal(error.response.headers.get('dpop-nonce'), 'n-1');
    assert.deepEqual(anon(error.cause), CHALLENGE);

    // The retry with the same handle: oauth4webapi put the cached nonce in the proof.
    const response = await oauth.protectedResourceRequest(token.access_token, 'GET', resource, new Headers(), null, {
        ...options,
        DPoP
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'the protected resource\n');

    // Every request, exactly, as the client saw it and as the server served it.
    assert.deepEqual(anon(log), [
        'GET ORIGIN/.well-known/oauth-authorization-server/as -> 200',
        'POST ORIGIN/as/token -> 200',
        'GET ORIGIN/resource -> 401',
        'GET ORIGIN/resource -> 200'
    ]);
    assert.deepEqual(await server.logged(4), [
        'GET /.well-known/oauth-authorization-server/as -> 200',
        'POST /as/token grant_type=authorization_code scope="files:read" -> 200',
        'GET /resource -> 401',
        'GET /resource -> 200'
    ]);

    // The proofs oauth4webapi made (none for the discovery request): ES256 JWSs with its
    // public key; htm and htu of each request; ath of the token on the resource requests;
    // the nonce on the retry only; a fresh jti each.
    assert.equal(proofs[0], null);
    const [tokenProof, first, retry] = proofs.slice(1).map(claims);
    for (const jws of proofs.slice(1)) {
        assert.equal(header(jws).typ, 'dpop+jwt');
        assert.equal(header(jws).alg, 'ES256');
        assert.equal(header(jws).jwk.crv, 'P-256');
    }
    assert.deepEqual([tokenProof.htm, tokenProof.htu, tokenProof.ath, tokenProof.nonce], [
        'POST',
        `${server.issuer}/token`,
        undefined,
        undefined
    ]);
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from(token.access_token))).toString('base64url');
    assert.deepEqual([first.htm, first.htu, first.ath, first.nonce], ['GET', server.resource, ath, undefined]);
    assert.deepEqual([retry.htm, retry.htu, retry.ath, retry.nonce], ['GET', server.resource, ath, 'n-1']);
    assert.equal(new Set([tokenProof.jti, first.jti, retry.jti]).size, 3);
});

/** The DPoP challenge of the 401 asking for a nonce, as oauth4webapi parses it. */
const CHALLENGE = [
    {
        scheme: 'dpop',
        parameters: {
            realm: 'files',
            error: 'use_dpop_nonce',
            error_description: 'Resource server requires nonce in DPoP proof',
            algs: 'ES256',
            resource_metadata: 'ORIGIN/.well-known/oauth-protected-resource/resource'
        }
    }
];
