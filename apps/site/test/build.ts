// Build the site when dist/ is missing or older than any input (site sources, content, core, quiz).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const siteDir = fileURLToPath(new URL("..", import.meta.url));
export const distDir = join(siteDir, "dist");
const stamp = join(distDir, ".built");
const inputs = ["src", "public", "astro.config.ts", "package.json", "../../content", "../../packages/core/src", "../../packages/core/models", "../../packages/core/fixtures", "../../packages/core/conformance", "../../packages/quiz/src", "../../packages/experiments/src"];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const e of readdirSync(path)) if (e !== "node_modules") m = Math.max(m, newest(join(path, e)));
  return m;
}

export function isStale(): boolean {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return inputs.some((p) => newest(join(siteDir, p)) > built);
}

/**
 * The environment without what vitest adds (NODE_ENV=test, and DEV/PROD/SSR/MODE/BASE_URL for import.meta.env):
 * Astro reads those while prerendering, and DEV=true would build a non-production site (Starlight's search off).
 */
function buildEnv(): NodeJS.ProcessEnv {
  const drop = new Set(["NODE_ENV", "DEV", "PROD", "SSR", "MODE", "BASE_URL", "TEST"]);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.has(k) && !k.startsWith("VITEST")));
  return { ...env, ASTRO_TELEMETRY_DISABLED: "1" };
}

/** Runs `astro build` if needed; returns the build time in ms, or null when dist was fresh. */
export function ensureBuilt(force = false): number | null {
  if (!force && !isStale()) return null;
  const t0 = performance.now();
  execFileSync("npx", ["astro", "build"], {
    cwd: siteDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: buildEnv(),
  });
  writeFileSync(stamp, new Date().toISOString());
  return performance.now() - t0;
}
