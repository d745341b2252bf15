// Node-only helpers of @qkv/quiz: reading content/ from disk, running examples, the content checker and the
// sandbox-process code runner. Browser code imports "@qkv/quiz" (and "@qkv/quiz/browser") instead.
export { createNodeRunner, type NodeRunner, type NodeRunnerOptions } from "./runner.js";
export { loadContentDir, type LoadDirResult } from "./load-dir.js";
export { runExample, type ExampleResult, type RunExampleOptions } from "./run-example.js";
export { checkContent, type CheckContentOptions } from "./check-content.js";
