// The JavaScript side of the signpost WebAssembly module (wasm/src/lib.rs has the ABI). It
// runs wherever WebAssembly does (a browser, a Worker, Node) and needs no package:
//
//   const signpost = await load(bytesOfTheWasmFile);
//   signpost.respond([["reason", "expired"], ["resource-metadata", url]]);
//   // {status: 401, headers: [["WWW-Authenticate", "Bearer error=..."]]}
//   signpost.decide([["status", "403"], ["token", true], ["line", wwwAuthenticate]]);
//   // {next_step: {action: "authorize", ...}}
//
// A request is a list of [name, value] pairs: the options of `signpost build` (respond) or
// `signpost explain` (decide) without their `--`, each `WWW-Authenticate` field line a
// "line" pair, in order. A value is a string (sent as UTF-8), a Uint8Array (sent as it is:
// header bytes need not be UTF-8) or true (a flag). The answer is the CLI's JSON, parsed.

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Encodes `pairs` as the module's records: a 32-bit little-endian length, `name=value`. */
export function encode(pairs) {
    const records = pairs.map(([name, value]) => {
        const bytes = value === true ? new Uint8Array() : typeof value === "string" ? encoder.encode(value) : value;
        const head = encoder.encode(`${name}=`);
        const record = new Uint8Array(4 + head.length + bytes.length);
        new DataView(record.buffer).setUint32(0, head.length + bytes.length, true);
        record.set(head, 4);
        record.set(bytes, 4 + head.length);
        return record;
    });
    const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
    records.reduce((at, r) => (out.set(r, at), at + r.length), 0);
    return out;
}

/** Instantiates the module from its bytes and returns its two calls. */
export async function load(bytes) {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const wasm = instance.exports;
    const call = (fn, pairs) => {
        const request = encode(pairs);
        if (request.length > wasm.input_capacity()) {
            throw new RangeError(`a request of ${request.length} bytes is over the module's ${wasm.input_capacity()}`);
        }
        new Uint8Array(wasm.memory.buffer, wasm.input_buffer(), request.length).set(request);
        const n = fn(request.length);
        if (n === -1) throw new RangeError("the request is cut short");
        if (n === -2) throw new RangeError("the answer is over the module's output buffer");
        return JSON.parse(decoder.decode(new Uint8Array(wasm.memory.buffer, wasm.output_buffer(), n)));
    };
    return {
        /** `signpost build --json`: the status and header lines for a rejection. */
        respond: (pairs) => call(wasm.respond, pairs),
        /** `signpost explain --json`: the next step, as `{next_step}`. */
        decide: (pairs) => call(wasm.decide, pairs),
    };
}
