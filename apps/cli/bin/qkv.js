#!/usr/bin/env node
let main;
try {
  ({ main } = await import("../dist/main.js"));
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes("dist/main.js")) throw err;
  // First run from a fresh checkout: build once (esbuild, about a second), then go on.
  process.stderr.write("qkv: building the CLI (first run)…\n");
  await import("../build.mjs");
  ({ main } = await import("../dist/main.js"));
}
// Exit explicitly: a prompt or a file watcher must never keep the process alive after the command is done.
process.exit(await main(process.argv.slice(2)));
