import { execFileSync } from "node:child_process";

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

  /** Exit status of the command once it has ended, else undefined. */
  exitStatus(): number | undefined {
    const out = this.tmux("display-message", "-p", "-t", this.name, "#{pane_dead} #{pane_dead_status}").trim();
    const [dead, status] = out.split(" ");
    return dead === "1" ? Number(status) : undefined;
  }

  async waitForExit(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = this.exitStatus();
      if (s !== undefined) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`command did not exit; screen was:\n${this.screen()}`);
  }

  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}
