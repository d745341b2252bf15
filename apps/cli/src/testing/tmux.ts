import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * A real terminal for tests: a tmux server on a private socket (`-L qkv-test-<pid>-<n>`), one session running the
 * command. `kill()` ends the whole server, so nothing outlives the test.
 */
export class TmuxSession {
  private static counter = 0;
  readonly socket = `qkv-test-${process.pid}-${TmuxSession.counter++}`;
  private readonly name = "qkv";

  constructor(
    command: string[],
    options: { cwd: string; env?: Record<string, string>; width?: number; height?: number },
  ) {
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    this.tmux(
      "new-session", "-d", "-s", this.name, "-x", String(options.width ?? 120), "-y", String(options.height ?? 50),
      "-c", options.cwd, ...env, "--", ...command,
    );
    // Keep the pane after the command exits so its last screen and exit status can be read.
    this.tmux("set-option", "-t", this.name, "remain-on-exit", "on");
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }

  /** The visible screen plus scrollback, as plain text. */
  screen(): string {
    return this.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", this.name);
  }

  /** Type literal text (no key-name interpretation). */
  type(text: string): void {
    this.tmux("send-keys", "-t", this.name, "-l", text);
  }

  /** Press named keys: "Enter", "Down", "C-c", "Space". */
  press(...keys: string[]): void {
    this.tmux("send-keys", "-t", this.name, ...keys);
  }

  /** Polls the screen until `test` matches; throws with the last screen after `timeoutMs`. */
  async waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const match =
      typeof test === "function" ? test : (s: string) => (typeof test === "string" ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.screen();
      if (match(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(test)}; screen was:\n${last}`);
  }

  /** Exit status of the command once it has ended (128 + signal number when a signal ended it, as shells say), else undefined. */
  exitStatus(): number | undefined {
    const out = this.tmux("display-message", "-p", "-t", this.name, "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}");
    const [dead, status, signal, pid] = out.trim().split(":");
    if (dead !== "1") return undefined;
    if (status !== "") return Number(status);
    if (signal !== "") return 128 + Number(signal);
    // tmux marks the pane dead when the terminal closes; on a loaded machine its tmux 3.3a server sometimes never
    // reaps the process (seen: the pane process a zombie for good, status never set). A zombie's wait status is in
    // /proc/<pid>/stat (field 52, exit_code, Linux >= 3.5); until the process is one, it is still exiting.
    return zombieStatus(Number(pid));
  }

  /** The pane process's threads as `comm:state` (from /proc), for failure messages. */
  private processState(): string {
    const pid = this.tmux("display-message", "-p", "-t", this.name, "#{pane_dead}:#{pane_dead_status}:#{pane_pid}").trim();
    const dir = `/proc/${pid.split(":")[2]}/task`;
    try {
      const states = readdirSync(dir).map((t) => readFileSync(`${dir}/${t}/stat`, "utf8").match(/\((.*)\) (\S)/)?.slice(1).join(":"));
      return `pane ${pid}; threads ${states.join(" ")}`;
    } catch {
      return `pane ${pid}; process gone`;
    }
  }

  async waitForExit(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = this.exitStatus();
      if (s !== undefined) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`command did not exit (${this.processState()}); screen was:\n${this.screen()}`);
  }

  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}

/** Exit status of a zombie process as a shell reports it, or undefined while it is not one. */
function zombieStatus(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces and parentheses): field 3 is the state, field 52 exit_code.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).trim().split(" ");
  if (fields[0] !== "Z" || fields.length < 50) return undefined;
  const wait = Number(fields[49]);
  return (wait & 0x7f) === 0 ? (wait >> 8) & 0xff : 128 + (wait & 0x7f);
}
