import { describe, expect, it } from "vitest";
import { resolveContentDir, resolveSeedsDir, resolveDataDir } from "./paths.js";

describe("resolveDataDir", () => {
  const home = "/home/ada";
  it("prefers --data, then QKV_DATA_DIR, then XDG_DATA_HOME/qkv, then ~/.local/share/qkv", () => {
    const env = { QKV_DATA_DIR: "/env/qkv", XDG_DATA_HOME: "/xdg" };
    expect(resolveDataDir("/flag", env, "/cwd", home)).toBe("/flag");
    expect(resolveDataDir(undefined, env, "/cwd", home)).toBe("/env/qkv");
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: "/xdg" }, "/cwd", home)).toBe("/xdg/qkv");
    expect(resolveDataDir(undefined, {}, "/cwd", home)).toBe("/home/ada/.local/share/qkv");
  });
  it("resolves relative --data and QKV_DATA_DIR against the working directory", () => {
    expect(resolveDataDir("state", {}, "/cwd", home)).toBe("/cwd/state");
    expect(resolveDataDir(undefined, { QKV_DATA_DIR: "../s" }, "/cwd/x", home)).toBe("/cwd/s");
  });
  it("ignores a relative or empty XDG_DATA_HOME, as the XDG spec requires", () => {
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: "rel" }, "/cwd", home)).toBe("/home/ada/.local/share/qkv");
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: "" }, "/cwd", home)).toBe("/home/ada/.local/share/qkv");
  });
});

describe("resolveContentDir", () => {
  it("defaults to the repository's content/ folder", () => {
    expect(resolveContentDir(undefined, {}, "/cwd", "file:///repo/apps/cli/dist/main.js")).toBe("/repo/content");
    expect(resolveContentDir(undefined, {}, "/cwd", "file:///repo/apps/cli/src/paths.ts")).toBe("/repo/content");
  });
  it("prefers the content/ shipped beside dist/ in an installed package", () => {
    const installed = (path: string) => path === "/g/lib/node_modules/@qkv/cli/content";
    const here = "file:///g/lib/node_modules/@qkv/cli/dist/main.js";
    expect(resolveContentDir(undefined, {}, "/cwd", here, installed)).toBe("/g/lib/node_modules/@qkv/cli/content");
    expect(resolveContentDir(undefined, {}, "/cwd", here, () => false)).toBe("/g/lib/node_modules/content");
  });
  it("takes --content, then QKV_CONTENT_DIR", () => {
    expect(resolveContentDir("c", { QKV_CONTENT_DIR: "/e" }, "/cwd")).toBe("/cwd/c");
    expect(resolveContentDir(undefined, { QKV_CONTENT_DIR: "/e" }, "/cwd")).toBe("/e");
  });
});

describe("resolveSeedsDir", () => {
  it("defaults to ../shared/seeds beside the repository root", () => {
    expect(resolveSeedsDir({}, "/cwd", "file:///repo/apps/cli/dist/main.js")).toBe("/shared/seeds");
    expect(resolveSeedsDir({}, "/cwd", "file:///w/repo/apps/cli/src/paths.ts")).toBe("/w/shared/seeds");
  });
  it("takes QKV_SEEDS_DIR, relative to the working directory", () => {
    expect(resolveSeedsDir({ QKV_SEEDS_DIR: "s" }, "/cwd")).toBe("/cwd/s");
  });
});
