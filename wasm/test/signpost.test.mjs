// The signpost WebAssembly module, called as a Worker or a browser would call it, against the
// `signpost` command: for the same request, `respond` must answer what `signpost build --json`
// prints and `decide` the `next_step` of `signpost explain --json` (or the same error).
//
//   node --test wasm/test/
//
// Builds the module (wasm/, release) and the command (debug) first; CARGO_TARGET_DIR is
// honoured. Needs Node 20 or newer and bash (to hand the command arguments that are not UTF-8).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { encode, load } from "../signpost.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wasmDir = join(root, "wasm");
let signpost;
let cli;

before(async () => {
    execFileSync("cargo", ["build", "-q", "--locked", "--release"], { cwd: wasmDir, stdio: "inherit" });
    // The features of `cargo test --workspace --all-features`, so that the binary it built is reused.
    const cliBuild = ["build", "-q", "--locked", "--workspace", "--all-features", "--bin", "signpost"];
    execFileSync("cargo", cliBuild, { cwd: root, stdio: "inherit" });
    const wasmTarget = process.env.CARGO_TARGET_DIR ?? join(wasmDir, "target");
    const cliTarget = process.env.CARGO_TARGET_DIR ?? join(root, "target");
    signpost = await load(readFileSync(join(wasmTarget, "wasm32-unknown-unknown", "release", "signpost_wasm.wasm")));
    cli = join(cliTarget, "debug", "signpost");
});

/** The bytes of a string of code points 0-255, one byte each (obs-text, not UTF-8). */
const latin1 = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const bytes = (value) => (typeof value === "string" ? new TextEncoder().encode(value) : value);

/** Bash's $'...' quoting of any bytes but NUL, so that no byte is lost on the way to argv. */
function quote(value) {
    let s = "$'";
    for (const b of bytes(value)) {
        const plain = b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c;
        s += plain ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
    }
    return `${s}'`;
}

/** Runs `signpost COMMAND --json` on the request's pairs (lines as values after `--`). */
function run(command, pairs) {
    const args = [command, "--json"];
    const lines = [];
    for (const [name, value] of pairs) {
        if (name === "line") lines.push(value);
        else if (value === true) args.push(`--${name}`);
        else args.push(`--${name}`, value);
    }
    args.push("--", ...lines);
    // The script goes through standard input: a 64 KiB argument is over what `bash -c` takes.
    const script = `exec ${[cli, ...args].map(quote).join(" ")}\n`;
    const result = spawnSync("bash", [], { input: script, maxBuffer: 1 << 26 });
    assert.ok(result.stdout.length > 0, `signpost ${command} printed nothing: ${result.stderr}`);
    return JSON.parse(result.stdout.toString("utf8"));
}

/** `respond` and `signpost build` agree; returns the answer. */
function build(pairs) {
    const answer = signpost.respond(pairs);
    assert.deepEqual(answer, run("build", pairs));
    return answer;
}

/** `decide` and `signpost explain` agree; returns the next step (or the error). */
function explain(pairs) {
    const answer = signpost.decide(pairs);
    const expected = run("explain", pairs);
    if (expected.error) {
        assert.deepEqual(answer, { error: expected.error });
        return answer;
    }
    assert.deepEqual(answer, { next_step: expected.next_step });
    return answer.next_step;
}

const PRM = "https://mcp.example.com/.well-known/oauth-protected-resource";
const MCP_403 = `Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="${PRM}"`;

describe("the examples of README.md and docs/cli.md", () => {
    test("explain: an MCP 403 asks for more scope (README)", () => {
        const step = explain([["status", "403"], ["token", true], ["scope", "files:read"], ["line", MCP_403]]);
        assert.deepEqual(step, { action: "authorize", metadata_url: PRM, scope: ["files:read", "files:write"] });
    });

    test("explain: the same with a refresh token, which cannot widen scope", () => {
        const step = explain([
            ["status", "403"],
            ["token", true],
            ["scope", "files:read"],
            ["refresh-token", true],
            ["line", MCP_403],
        ]);
        assert.equal(step.action, "authorize");
    });

    test("explain: DPoP nonce, beside Negotiate and Bearer", () => {
        const nonce = "eyJ7S_zG.eyJH0-Z.HX4w-7v";
        const step = explain([
            ["token", true],
            ["dpop", true],
            ["dpop-nonce", nonce],
            ["line", "Negotiate"],
            ["line", 'DPoP error="use_dpop_nonce"'],
            ["line", 'Bearer error="invalid_token"'],
        ]);
        assert.deepEqual(step, { action: "retry_with_dpop_nonce", nonce });
    });

    test("explain: step-up", () => {
        const step = explain([
            ["token", true],
            ["scope", "openid"],
            ["line", 'Bearer error="insufficient_user_authentication", acr_values="myACR phr", max_age="300"'],
        ]);
        assert.deepEqual(step, { action: "step_up", scope: ["openid"], acr_values: ["myACR", "phr"], max_age: 300 });
    });

    test("explain: a loopback metadata URL is refused", () => {
        const step = explain([["line", 'Bearer resource_metadata="https://127.0.0.1/prm"']]);
        assert.deepEqual(step, { action: "give_up", reason: "resource_metadata refused: loopback address" });
    });

    test("explain: a known issuer wins over the challenge's", () => {
        const step = explain([["issuer", "https://login.example.com"], ["line", 'Bearer issuer="https://phish.example.net"']]);
        assert.deepEqual(step, { action: "authorize", issuer: "https://login.example.com", scope: [] });
    });

    test("explain: a duplicate parameter is an error with its offset", () => {
        const answer = explain([
            ["line", 'Bearer resource_metadata="https://a.example/prm", resource_metadata="https://b.example/prm"'],
        ]);
        assert.deepEqual(answer, { error: { message: "duplicate auth-param name in challenge", offset: 50 } });
    });

    test("build: an expired token, Bearer and DPoP, with flows", () => {
        const answer = build([
            ["reason", "expired"],
            ["resource-metadata", PRM],
            ["schemes", "bearer,dpop"],
            ["algs", "ES256 PS256"],
            ["flows", "refresh,user-delegation"],
        ]);
        assert.equal(answer.status, 401);
        assert.deepEqual(
            answer.headers.map(([name, value]) => `${name}: ${value.split(" ")[0]}`),
            ["WWW-Authenticate: Bearer", "WWW-Authenticate: DPoP", "WWW-Authenticate: OAuth2"],
        );
    });

    test("build: the MCP 403 a resource server sends", () => {
        const answer = build([["reason", "insufficient-scope"], ["scope", "files:read files:write"], ["resource-metadata", PRM]]);
        assert.deepEqual(answer, { status: 403, headers: [["WWW-Authenticate", MCP_403]] });
    });

    test("build: a DPoP nonce", () => {
        const answer = build([["reason", "dpop-nonce"], ["nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"], ["schemes", "dpop"]]);
        assert.deepEqual(answer.headers[1], ["DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"]);
    });

    test("build: step-up with acr_values", () => {
        const answer = build([["reason", "too-weak"], ["acr-values", "myACR"]]);
        assert.equal(answer.status, 401);
    });

    test("build: a double space in the scope is an error with its offset", () => {
        const answer = build([["reason", "insufficient-scope"], ["scope", "a  b"]]);
        assert.deepEqual(answer, { error: { message: "--scope: empty scope-token (double SP)", offset: 2 } });
    });
});

// 4096 distinct tokens of 15 bytes, 65,535 bytes with their separators.
const BIG_SCOPE = Array.from({ length: 4096 }, (_, i) => `s${i.toString(16).padStart(14, "0")}`).join(" ");

describe("hostile input", () => {
    test("a 64 KiB scope, written into three challenges", () => {
        assert.equal(BIG_SCOPE.length, 65535);
        const answer = build([
            ["reason", "insufficient-scope"],
            ["scope", BIG_SCOPE],
            ["schemes", "bearer,dpop"],
            ["flows", "client-credentials"],
        ]);
        assert.equal(answer.status, 403);
        assert.equal(answer.headers.length, 3);
        assert.ok(answer.headers.every(([, value]) => value.includes(BIG_SCOPE)));
    });

    test("a challenge scope is united with the scope held up to 256 tokens, and refused above", () => {
        const held = ["scope", "files:read s00000000000000"];
        const line = (scope) => ["line", `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${PRM}"`];
        // At the limit of the client's scope union: every token once, the held ones first.
        const at_limit = BIG_SCOPE.split(" ").slice(0, 256).join(" ");
        const step = explain([["status", "403"], ["token", true], held, line(at_limit)]);
        assert.equal(step.action, "authorize");
        assert.equal(step.scope.length, 257);
        assert.deepEqual(step.scope.slice(0, 3), ["files:read", "s00000000000000", "s00000000000001"]);
        // 4,096 tokens (64 KiB): more than the union deduplicates, so the challenge is refused
        // rather than answered with a scope the client cannot check.
        const over = explain([["status", "403"], ["token", true], held, line(BIG_SCOPE)]);
        assert.equal(over.action, "give_up");
    });

    test("CR and LF in values the server writes", () => {
        for (const [option, value] of [
            ["description", "bad\r\nSet-Cookie: a=b"],
            ["resource-metadata", "https://mcp.example.com/\nx"],
            ["realm", "a\rb"],
        ]) {
            const answer = build([["reason", "invalid-token"], [option, value]]);
            assert.ok(answer.error, `${option}: ${JSON.stringify(answer)}`);
        }
        const answer = build([["reason", "dpop-nonce"], ["nonce", "abc\r\ndef"]]);
        assert.ok(answer.error);
    });

    test("CR and LF in what the client receives", () => {
        explain([["line", 'Bearer error="invalid_token"\r\nSet-Cookie: a=b']]);
        explain([["line", 'Bearer error="invalid_token", error_description="a\r\nb"'], ["token", true]]);
        const step = explain([["token", true], ["dpop", true], ["dpop-nonce", "abc\r\ndef"], ["line", 'DPoP error="use_dpop_nonce"']]);
        assert.equal(step.action, "give_up");
    });

    test("invalid UTF-8 in options and in header lines", () => {
        const answer = build([["reason", "insufficient-scope"], ["scope", Uint8Array.of(0x66, 0xff)]]);
        assert.deepEqual(answer, { error: { message: "--scope is not UTF-8 text", offset: 1 } });
        assert.ok(explain([["scope", Uint8Array.of(0x61, 0xc3)]]).error);
        assert.ok(explain([["status", Uint8Array.of(0x34, 0xff, 0x31)]]).error);
        // obs-text (not UTF-8) in a quoted string is allowed (RFC 9110 §5.6.4), in a token not.
        explain([["token", true], ["line", latin1('Bearer realm="caf\xe9", error="invalid_token"')]]);
        explain([["status", "403"], ["line", latin1('Bearer error="insufficient_scope", error_description="\xff"')]]);
        explain([["line", latin1("B\xff a=b")]]);
    });

    test("an unknown option", () => {
        assert.deepEqual(build([["reasons", "expired"]]), { error: { message: "unknown option --reasons" } });
        assert.deepEqual(explain([["tokens", true]]), { error: { message: "unknown option --tokens" } });
    });
});

describe("the ABI's limits", () => {
    test("a request over the input buffer is refused before the call", () => {
        assert.throws(() => signpost.decide([["line", "x".repeat(200 * 1024)]]), RangeError);
    });

    test("more lines than the module holds is an error, not a truncation", () => {
        const lines = Array.from({ length: 33 }, () => ["line", "Basic"]);
        assert.deepEqual(signpost.decide(lines), { error: { message: "more than 32 lines" } });
    });

    test("a record cut short is refused", async () => {
        const { instance } = await WebAssembly.instantiate(
            readFileSync(join(process.env.CARGO_TARGET_DIR ?? join(wasmDir, "target"), "wasm32-unknown-unknown", "release", "signpost_wasm.wasm")),
        );
        const wasm = instance.exports;
        const request = encode([["reason", "expired"]]);
        new Uint8Array(wasm.memory.buffer, wasm.input_buffer(), request.length).set(request);
        assert.equal(wasm.respond(request.length - 1), -1);
        assert.equal(wasm.respond(wasm.input_capacity() + 1), -1);
        assert.ok(wasm.respond(request.length) > 0);
    });
});
