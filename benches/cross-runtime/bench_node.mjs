// The Node peers of benches/cross-runtime/run, on the inputs signpost's binary prints:
// the MCP TypeScript SDK's extractWWWAuthenticateParams and oauth4webapi's
// WWW-Authenticate parser (through its exported path, and alone: "impl"
// "oauth4webapi@VERSION-parser", not an API of oauth4webapi), timed with process.hrtime.bigint() the way the Rust and Python
// harnesses time theirs (warm-up, then the best of K rounds of N calls; N doubles until a
// round lasts long enough).
//
//   node bench_node.mjs INTEROP_DIR INPUTS.jsonl [--quick]
//
// prints one JSON object a line: {"impl", "op", "input", "ns", "n", "k", "result"}; besides
// the peers' jobs, "header-get" (the WWW-Authenticate header read from the Response, which
// every peer function does first) and oauth4webapi's path on an empty header ("input":
// "(empty)"), its cost without a parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [interop, inputsFile, ...flags] = process.argv.slice(2);
if (!interop || !inputsFile || flags.some((f) => f !== '--quick')) {
    console.error('usage: node bench_node.mjs INTEROP_DIR INPUTS.jsonl [--quick]');
    process.exit(2);
}
const quick = flags.includes('--quick');
const plan = quick
    ? { warmUpMs: 2, roundMs: 1, rounds: 3, maxN: 2000 }
    : { warmUpMs: 200, roundMs: 20, rounds: 9, maxN: 10_000_000 };

// The files the packages' "exports" maps name for `import` (the pinned versions of
// interop/package-lock.json): '@modelcontextprotocol/sdk/client/auth.js' is
// ./dist/esm/client/auth.js, 'oauth4webapi' is ./build/index.js.
const modules = join(interop, 'node_modules');
const sdk = await import(pathToFileURL(join(modules, '@modelcontextprotocol/sdk/dist/esm/client/auth.js')));
const oauth = await import(pathToFileURL(join(modules, 'oauth4webapi/build/index.js')));
const sdkVersion = JSON.parse(readFileSync(join(modules, '@modelcontextprotocol/sdk/package.json'))).version;
const oauthVersion = JSON.parse(readFileSync(join(modules, 'oauth4webapi/package.json'))).version;

const inputs = readFileSync(inputsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const now = () => process.hrtime.bigint();
const ms = (ns) => BigInt(Math.round(ns * 1e6));

// Warm-up (the JIT tiers up), N doubled until a round lasts plan.roundMs, best of
// plan.rounds rounds: [ns per call, N].
function bench(job) {
    let sink = 0;
    const warmEnd = now() + ms(plan.warmUpMs);
    while (now() < warmEnd) for (let i = 0; i < 100; i++) sink ^= job();
    let n = 1;
    for (;;) {
        const t = now();
        for (let i = 0; i < n; i++) sink ^= job();
        if (now() - t >= ms(plan.roundMs) || n >= plan.maxN) break;
        n = Math.min(n * 2, plan.maxN);
    }
    let best = Infinity;
    for (let r = 0; r < plan.rounds; r++) {
        const t = now();
        for (let i = 0; i < n; i++) sink ^= job();
        best = Math.min(best, Number(now() - t));
    }
    globalThis.sink = sink;
    return [best / n, n];
}

// The same for an async job: each call awaited in turn.
async function benchAsync(job) {
    let sink = 0;
    const warmEnd = now() + ms(plan.warmUpMs);
    while (now() < warmEnd) for (let i = 0; i < 100; i++) sink ^= await job();
    let n = 1;
    for (;;) {
        const t = now();
        for (let i = 0; i < n; i++) sink ^= await job();
        if (now() - t >= ms(plan.roundMs) || n >= plan.maxN) break;
        n = Math.min(n * 2, plan.maxN);
    }
    let best = Infinity;
    for (let r = 0; r < plan.rounds; r++) {
        const t = now();
        for (let i = 0; i < n; i++) sink ^= await job();
        best = Math.min(best, Number(now() - t));
    }
    globalThis.sink = sink;
    return [best / n, n];
}

function row(impl, op, input, [ns, n], result) {
    console.log(JSON.stringify({ impl, op, input, ns: Math.round(ns * 100) / 100, n, k: plan.rounds, result }));
}

// oauth4webapi does not export its WWW-Authenticate parser (parseWwwAuthenticateChallenges):
// the narrowest exported path to it is processUserInfoResponse, which checks its arguments,
// parses the header and rejects with a WWWAuthenticateChallengeError whose `cause` holds
// every challenge (scheme and param names in lower case, values unescaped).
const as = { issuer: 'https://as.example.com' };
const client = { client_id: 'cross-runtime' };
async function oauthChallenges(response) {
    try {
        await oauth.processUserInfoResponse(as, client, oauth.skipSubjectCheck, response);
    } catch (e) {
        if (e instanceof oauth.WWWAuthenticateChallengeError) return e.cause;
        return null;
    }
    return null;
}

// The parser itself, to tell its cost from the path's: parseWwwAuthenticateChallenges and
// what it uses (looseInstanceOf, CodedTypeError, the regular expressions), cut out of the
// installed build/index.js as they stand and evaluated outside the module. Not an API of
// oauth4webapi: a figure for comparison only, listed in its own column.
function privateParser() {
    const src = readFileSync(join(modules, 'oauth4webapi/build/index.js'), 'utf8');
    const cut = (from, to) => {
        const a = src.indexOf(from);
        const b = src.indexOf(to, a);
        if (a < 0 || b < 0) throw new Error(`oauth4webapi's build/index.js no longer has ${JSON.stringify(from)}`);
        return src.slice(a, b);
    };
    const body =
        cut('function looseInstanceOf(', 'export const allowInsecureRequests') +
        cut('const tokenMatch = ', 'export async function processPushedAuthorizationResponse');
    // Strict, as the module's own code is.
    return new Function(`'use strict';\n${body}\nreturn parseWwwAuthenticateChallenges;`)();
}
const parse = privateParser();

const mcpTs = `mcp-ts-sdk@${sdkVersion}`;
const o4w = `oauth4webapi@${oauthVersion}`;
for (const { input, value } of inputs) {
    const response = new Response(null, { status: 401, headers: { 'www-authenticate': value } });

    // extractWWWAuthenticateParams: when the header's first word is "Bearer", the first
    // `resource_metadata=`, `scope=` and `error=` anywhere in it (a regular expression
    // each), the URL through `new URL`.
    const fields = () => {
        const p = sdk.extractWWWAuthenticateParams(response);
        return (p.resourceMetadataUrl ? 1 : 0) + (p.scope?.length ?? 0) + (p.error?.length ?? 0);
    };
    const p = sdk.extractWWWAuthenticateParams(response);
    row(mcpTs, 'bearer-fields', input, bench(fields), [
        p.resourceMetadataUrl?.href ?? null,
        p.scope ?? null,
        p.error ?? null,
    ]);

    // What the functions above take before they parse: the header read from the response.
    row('node', 'header-get', input, bench(() => response.headers.get('www-authenticate').length), null);

    const challenges = await oauthChallenges(response);
    const result = challenges?.map((c) => [c.scheme, c.token68 ?? null, Object.entries(c.parameters)]) ?? null;
    row(o4w, 'challenges', input, await benchAsync(async () => (await oauthChallenges(response))?.length ?? 0), result);
    const alone = parse(response)?.map((c) => [c.scheme, c.token68 ?? null, Object.entries(c.parameters)]) ?? null;
    row(`${o4w}-parser`, 'challenges', input, bench(() => parse(response)?.length ?? 0), alone);
}

// The path without a parse: an empty header, which processUserInfoResponse rejects for its
// status (an OperationProcessingError) after finding no challenge in it.
const empty = new Response(null, { status: 401, headers: { 'www-authenticate': '' } });
row(o4w, 'challenges', '(empty)', await benchAsync(async () => ((await oauthChallenges(empty)) === null ? 1 : 0)), null);
