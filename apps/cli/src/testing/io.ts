import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Io } from "../context.js";
import { main } from "../main.js";

export const FIXTURES = fileURLToPath(new URL("./fixtures/content", import.meta.url));

/**
 * Runs `qkv argv` in-process with captured output; stdin is `input` (piped, not a TTY) unless `tty` is set; stderr
 * is a pipe unless `stderrTty` is set.
 */
export async function runCli(
  argv: string[],
  options: { input?: string; tty?: boolean; stderrTty?: boolean; env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = new PassThrough();
  out.on("data", (c: Buffer) => (stdout += c.toString()));
  const err = new PassThrough();
  err.on("data", (c: Buffer) => (stderr += c.toString()));
  const stdin = Readable.from(options.input === undefined ? [] : [options.input]) as Io["stdin"];
  if (options.tty) stdin.isTTY = true;
  const io: Io = {
    stdout: Object.assign(out, { isTTY: options.tty ?? false, columns: 80 }),
    stderr: Object.assign(err, { isTTY: options.stderrTty ?? false, columns: 80 }),
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}
