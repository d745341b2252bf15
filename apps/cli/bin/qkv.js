#!/usr/bin/env node
let main;
try {
  ({ main } = await import("../dist/main.js"));
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes("dist/main.js")) throw err;
  process.stderr.write('qkv: not built yet; run "pnpm --filter @qkv/cli build" first\n');
  process.exit(1);
}
// Exit explicitly: a prompt or a file watcher must never keep the process alive after the command is done.
process.exit(await main(process.argv.slice(2)));
