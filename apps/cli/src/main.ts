// Entry point. Kept tiny on purpose: --help must not load the engine, the content or the prompt library, so every
// command lives in its own module, imported only when that command runs.
import { readFileSync } from "node:fs";
import { parseCommandLine, UsageError, type CommandName } from "./args.js";
import { makeContext, processIo, type Context, type Io } from "./context.js";
import { CliError, fsFaultMessage, isFsError } from "./errors.js";
import { commandHelp, MAIN_HELP } from "./help.js";

export type CommandRun = (ctx: Context, positionals: string[], values: Record<string, unknown>) => Promise<number>;

const LOADERS: Record<CommandName, () => Promise<{ run: CommandRun }>> = {
  quiz: () => import("./commands/quiz.js"),
  practice: () => import("./commands/practice.js"),
  stats: () => import("./commands/stats.js"),
  list: () => import("./commands/list.js"),
  show: () => import("./commands/show.js"),
  check: () => import("./commands/check.js"),
  import: () => import("./commands/import.js"),
  verify: () => import("./commands/verify.js"),
  train: () => import("./commands/train.js"),
};

/** Runs one command line and resolves to the process exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`qkv: ${err.message}\n`);
    io.stderr.write(err.command ? `Run "qkv ${err.command} --help" for usage.\n` : `Run "qkv --help" for usage.\n`);
    return 2;
  }
  if (parsed.command === "help") {
    io.stdout.write(`${parsed.topic ? commandHelp(parsed.topic) : MAIN_HELP}\n`);
    return 0;
  }
  if (parsed.command === "version") {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const ctx = makeContext(io, parsed);
  try {
    const { run } = await LOADERS[parsed.command]();
    return await run(ctx, parsed.positionals, parsed.values);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.err(`qkv: ${err.message}`);
      ctx.err(`Run "qkv ${err.command ?? parsed.command} --help" for usage.`);
      return 2;
    }
    if (err instanceof CliError) {
      ctx.err(`qkv ${parsed.command}: ${err.message}`);
      return err.exitCode;
    }
    // A file-system fault no command mapped itself (content folder, import target, …): one line, no stack trace.
    if (isFsError(err)) {
      ctx.err(`qkv ${parsed.command}: ${fsFaultMessage(err)}`);
      return 1;
    }
    throw err;
  }
}
