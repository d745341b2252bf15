// Node-only helpers of @qkv/experiments: loading definitions from content/experiments and reading/writing the
// committed full results.
export * from "./load.js";
