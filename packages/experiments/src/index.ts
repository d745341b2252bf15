// Public API of @qkv/experiments (browser-safe). Loading definitions and results from disk: "@qkv/experiments/node";
// SVG plots (Observable Plot + linkedom, build time): "@qkv/experiments/plot".
export * from "./experiment.js";
export * from "./run.js";
export * from "./measure.js";
export * from "./links.js";
export * from "./format.js";
export * from "./validate.js";
