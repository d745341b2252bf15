import { resolveContentDir, resolveDataDir } from "./paths.js";

/** What a command needs from the outside world; tests pass their own. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Context {
  io: Io;
  dataDir: string;
  contentDir: string;
  out(line?: string): void;
  err(line?: string): void;
}

export function makeContext(io: Io, flags: { data?: string; content?: string }): Context {
  return {
    io,
    dataDir: resolveDataDir(flags.data, io.env, io.cwd),
    contentDir: resolveContentDir(flags.content, io.env, io.cwd),
    out: (line = "") => void io.stdout.write(`${line}\n`),
    err: (line = "") => void io.stderr.write(`${line}\n`),
  };
}

export function processIo(): Io {
  // Under `pnpm qkv …` the script runs in apps/cli; INIT_CWD is where the user typed the command, which is what
  // relative paths (--data, --dir, import FILE) mean.
  const cwd = process.env.INIT_CWD || process.cwd();
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd };
}
