// Vitest setup of the `wasm` project (vitest.config.ts): every test in it runs with the WebAssembly backend active.
import { init } from "../backend.js";

if ((await init()) !== "wasm") throw new Error("the wasm test project needs an engine with WebAssembly SIMD");
