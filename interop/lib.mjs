// Shared helpers of the interop tests: the binaries under test, servers on loopback, a fetch
// that records every request and never leaves 127.0.0.1, and signpost's CLI.
import { spawn, execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import http from 'node:http';

/** The `signpost` binary and the signpost-tower example server (set by `interop/run`). */
export const SIGNPOST = process.env.SIGNPOST_BIN;
export const TOWER_SERVER = process.env.SIGNPOST_TOWER_MCP_SERVER;
if (!SIGNPOST || !TOWER_SERVER) {
    throw new Error('SIGNPOST_BIN and SIGNPOST_TOWER_MCP_SERVER must name the binaries (interop/run sets them)');
}

/** signpost-e2e's example resource server (set by `interop/run`; only its tests need it). */
export const E2E_SERVER = process.env.SIGNPOST_E2E_RESOURCE_SERVER;

/** Every HTTP request of a test is bounded by this. */
export const REQUEST_TIMEOUT_MS = 5000;

/**
 * Starts signpost-tower's example MCP server on 127.0.0.1 (a free port: `--port 0`) and
 * resolves to `{ url, origin, close }` once it printed its URL.
 */
export function startTower() {
    return startServer(TOWER_SERVER, ['--port', '0']);
}

/**
 * Starts the MCP Python SDK's server (`mcp_python_server.py`, in the venv `interop/run`
 * made: `MCP_PYTHON` names its interpreter).
 */
export function startPythonServer() {
    if (!process.env.MCP_PYTHON) {
        throw new Error('MCP_PYTHON must name the venv interpreter (interop/run sets it)');
    }
    const script = new URL('./mcp_python_server.py', import.meta.url).pathname;
    return startServer(process.env.MCP_PYTHON, [script]);
}

/**
 * Spawns a server that prints `MCP server: http://127.0.0.1:PORT/mcp` once listening, and
 * resolves to `{ url, origin, close }` (killed if it says nothing within 30 seconds).
 */
async function startServer(command, args) {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    try {
        for await (const line of lines) {
            const m = /^MCP server: (http:\/\/127\.0\.0\.1:\d+\/mcp)$/.exec(line);
            if (m) {
                const url = m[1];
                return {
                    url,
                    origin: new URL(url).origin,
                    close: async () => {
                        if (child.exitCode === null && child.signalCode === null) {
                            child.kill('SIGTERM');
                            await once(child, 'exit');
                        }
                    }
                };
            }
        }
        throw new Error(`${command} exited before printing its URL`);
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Starts signpost-e2e's example resource server (e2e/examples/resource_server.rs) on
 * 127.0.0.1 (it binds port 0) with `args` (e.g. `--dpop`), and resolves to `{ resource,
 * issuer, origin, log, logged, close }` once it printed its URLs; `log` collects the request
 * lines it prints (`GET /resource -> 401`), in order, and `logged(n)` resolves to `log` once it
 * holds `n` lines (its stdout can trail the HTTP answers), after 5 seconds at most.
 */
export function startE2E(args = []) {
    if (!E2E_SERVER) {
        throw new Error('SIGNPOST_E2E_RESOURCE_SERVER must name the binary (interop/run sets it)');
    }
    const child = spawn(E2E_SERVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const log = [];
    let resource = null;
    let issuer = null;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
        child.on('exit', () => {
            clearTimeout(timer);
            reject(new Error(`${E2E_SERVER} exited before printing its URLs`));
        });
        lines.on('line', line => {
            let m;
            if ((m = /^resource: (http:\/\/127\.0\.0\.1:\d+\/resource)$/.exec(line))) {
                resource = m[1];
            } else if ((m = /^issuer: +(http:\/\/127\.0\.0\.1:\d+\/as)$/.exec(line))) {
                issuer = m[1];
                clearTimeout(timer);
                resolve({
                    resource,
                    issuer,
                    origin: new URL(resource).origin,
                    log,
                    logged: async n => {
                        for (let waited = 0; log.length < n && waited < REQUEST_TIMEOUT_MS; waited += 10) {
                            await new Promise(r => setTimeout(r, 10));
                        }
                        return log;
                    },
                    close: async () => {
                        if (child.exitCode === null && child.signalCode === null) {
                            child.kill('SIGTERM');
                            await once(child, 'exit');
                        }
                    }
                });
            } else if (/^(GET|POST) /.test(line)) {
                log.push(line);
            }
        });
    });
}

/**
 * A fetch for the peers' `fetchFn` / `customFetch` options: each request gets a timeout and is
 * logged as `METHOD URL -> STATUS` in `log`; a request off loopback is answered by `offline`
 * (a map from URL to a JSON body, else 404) without any network, and logged with `(offline)`.
 */
export function recordingFetch(log, offline = {}) {
    return async (input, init = {}) => {
        const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
        const method = init.method ?? 'GET';
        if (url.hostname !== '127.0.0.1') {
            const body = offline[url.href];
            const response = body
                ? new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
                : new Response('not found', { status: 404 });
            log.push(`${method} ${url.href} -> ${response.status} (offline)`);
            return response;
        }
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        log.push(`${method} ${url.href} -> ${response.status}`);
        return response;
    };
}

/** recordingFetch that also keeps the `DPoP` header of each request in `proofs`. */
export function proofRecordingFetch(log, proofs) {
    const recording = recordingFetch(log);
    return (url, init) => {
        proofs.push(new Headers(init.headers).get('dpop'));
        return recording(url, init);
    };
}

/**
 * A plain request over node:http with a timeout: resolves to `{ status, challenges, nonce,
 * body }`, `challenges` holding each `WWW-Authenticate` field line apart, as sent (fetch's
 * Headers would join them with ", ").
 */
export function request(url, { method = 'POST', headers = {} } = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers, timeout: REQUEST_TIMEOUT_MS }, res => {
            const chunks = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () => {
                const challenges = [];
                let nonce = null;
                for (let i = 0; i < res.rawHeaders.length; i += 2) {
                    const name = res.rawHeaders[i].toLowerCase();
                    if (name === 'www-authenticate') challenges.push(res.rawHeaders[i + 1]);
                    if (name === 'dpop-nonce') nonce = res.rawHeaders[i + 1];
                }
                resolve({ status: res.statusCode, challenges, nonce, body: Buffer.concat(chunks).toString() });
            });
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end();
    });
}

/** Runs `signpost ARGS...`; resolves to `{ code, json }` (stdout parsed as JSON). */
export function signpost(...args) {
    return new Promise((resolve, reject) => {
        execFile(SIGNPOST, args, { timeout: 30000 }, (error, stdout, stderr) => {
            if (error && typeof error.code !== 'number') {
                reject(error);
                return;
            }
            try {
                resolve({ code: error ? error.code : 0, json: JSON.parse(stdout) });
            } catch {
                reject(new Error(`signpost ${args.join(' ')}: not JSON: ${stdout} ${stderr}`));
            }
        });
    });
}

/** `signpost check --json --allow-local URL [...]`: `{ code, findings: {id: [result, detail]} }`. */
export async function check(url, ...more) {
    const { code, json } = await signpost('check', '--json', '--allow-local', '--timeout', '5', ...more, url);
    const findings = {};
    for (const f of json.findings) {
        findings[f.id] = [f.result, f.detail];
    }
    return { code, findings, summary: json.summary };
}

/** The public origin `explain` is also asked about, with the server's origin moved there. */
export const PUBLIC = 'https://mcp.example.com';

/**
 * signpost's client (`explain --json FLAGS`) on a response of an MCP server at `server`
 * (`{ url, origin }`, the resource at `/mcp`). It runs every URL a server hands out through its
 * guard: on the lines as sent it refuses the loopback resource_metadata, and with
 * `--allow-local` (a server on this machine) it follows it, with the same decision as on the
 * same lines moved to a public host (asserted here). Resolves to the next steps
 * `[as sent, as on a public host]`.
 */
export async function explainMoved(server, response, ...flags) {
    const asSent = await signpost('explain', '--json', ...flags, '--url', server.url, ...response.challenges);
    const moved = response.challenges.map(line => line.replaceAll(server.origin, PUBLIC));
    const asPublic = await signpost('explain', '--json', ...flags, '--url', `${PUBLIC}/mcp`, ...moved);
    const asLocal = await signpost('explain', '--json', '--allow-local', ...flags, '--url', server.url, ...response.challenges);
    assert.equal(asSent.code, 0);
    assert.equal(asPublic.code, 0);
    assert.equal(asLocal.code, 0);
    const local = JSON.parse(JSON.stringify(asPublic.json.next_step).replaceAll(PUBLIC, server.origin));
    assert.deepEqual(asLocal.json.next_step, local);
    return [asSent.json.next_step, asPublic.json.next_step];
}

/** `explain`'s answer on a loopback resource_metadata without `--allow-local`. */
export const REFUSED = { action: 'give_up', reason: 'resource_metadata refused: loopback address' };

/** `explain`'s authorize step on the public host, for `scope`. */
export const authorizeAtPublic = scope => ({
    action: 'authorize',
    metadata_url: `${PUBLIC}/.well-known/oauth-protected-resource/mcp`,
    scope,
    resource: `${PUBLIC}/mcp`
});
