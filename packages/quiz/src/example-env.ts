// The first script a live-code worker loads (the site bundles this module into one classic script): @qkv/core for
// the learner's `import … from "@qkv/core"`, and the functions the harness of example-runner.ts calls. It only
// defines the global `__qkvExampleEnv`, which the harness takes and deletes before the learner's code runs.
import * as core from "@qkv/core";
import { formatLog } from "./format-log.js";
import { describeRunError } from "./run-error.js";

export interface ExampleEnv {
  core: typeof core;
  formatLog: typeof formatLog;
  describeError: typeof describeRunError;
}

const env: ExampleEnv = { core, formatLog, describeError: describeRunError };
(globalThis as unknown as { __qkvExampleEnv: ExampleEnv }).__qkvExampleEnv = env;
