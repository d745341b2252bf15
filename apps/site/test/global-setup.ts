import type { TestProject } from "vitest/node";
import { distDir, ensureBuilt } from "./build";
import { serveStatic } from "./static-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  ensureBuilt();
  const { url, server } = await serveStatic(distDir);
  project.provide("baseURL", url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
