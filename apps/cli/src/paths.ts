import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where progress lives, first match wins: `--data DIR`, `$QKV_DATA_DIR`, `$XDG_DATA_HOME/qkv`,
 * `~/.local/share/qkv`. Relative paths are resolved against `cwd`. XDG says a relative XDG_DATA_HOME is invalid and
 * must be ignored, so it is.
 */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  home: string = homedir(),
): string {
  if (flag !== undefined && flag !== "") return resolve(cwd, flag);
  if (env.QKV_DATA_DIR) return resolve(cwd, env.QKV_DATA_DIR);
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, "qkv");
  return join(home, ".local", "share", "qkv");
}

/**
 * The content folder: `--content DIR`, `$QKV_CONTENT_DIR`, else the `content/` shipped beside `dist/` in the
 * installed package (see pack.mjs), else the repository's `content/` (`here` is a file two levels below apps/cli,
 * i.e. `apps/cli/dist/*.js` or `apps/cli/src/*.ts`).
 */
export function resolveContentDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  here: string = import.meta.url,
  exists: (path: string) => boolean = existsSync,
): string {
  if (flag !== undefined && flag !== "") return resolve(cwd, flag);
  if (env.QKV_CONTENT_DIR) return resolve(cwd, env.QKV_CONTENT_DIR);
  const bundled = fileURLToPath(new URL("../content/", here)).replace(/[\\/]$/, "");
  if (exists(bundled)) return bundled;
  return fileURLToPath(new URL("../../../content/", here)).replace(/[\\/]$/, "");
}

/**
 * The seed documents the content's coverage files map (`qkv check` verifies every seed question is covered):
 * `$QKV_SEEDS_DIR`, else `../shared/seeds` beside the repository root (`here` as for `resolveContentDir`).
 */
export function resolveSeedsDir(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  here: string = import.meta.url,
): string {
  if (env.QKV_SEEDS_DIR) return resolve(cwd, env.QKV_SEEDS_DIR);
  return fileURLToPath(new URL("../../../../shared/seeds/", here)).replace(/[\\/]$/, "");
}

export const PROGRESS_FILE = "progress.json";
