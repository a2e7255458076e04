// Runs a wasm32-wasip1 program (a test binary) in Node's built-in WASI (node:wasi,
// preview1): cargo's runner for that target, as in
//
//   CARGO_TARGET_WASM32_WASIP1_RUNNER="node $PWD/.ci/wasi-run.mjs" cargo test --target wasm32-wasip1
//
// The program gets its arguments and the environment (PROPTEST_*, RUST_BACKTRACE), and no
// directory: the library crates' suites read and write no file. Its exit code is ours.
import { readFile } from "node:fs/promises";
import process from "node:process";

// node:wasi warns that it is experimental on every load, once per test binary: keep that
// line out of the test output, and every other warning in.
process.removeAllListeners("warning");
process.on("warning", (w) => {
    if (w.name !== "ExperimentalWarning") console.error(`${w.name}: ${w.message}`);
});
const { WASI } = await import("node:wasi");

const [file, ...args] = process.argv.slice(2);
if (!file) {
    console.error("usage: node .ci/wasi-run.mjs PROGRAM.wasm [ARGS...]");
    process.exit(2);
}
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: process.env, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exit(wasi.start(instance));
