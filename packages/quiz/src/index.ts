// Public API of @qkv/quiz (browser-safe). Node-only helpers (file loading, example execution, sandbox) live in
// "@qkv/quiz/node".
export * from "./exercise.js";
