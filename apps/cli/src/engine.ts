// The quiz engine (@qkv/quiz, @qkv/core) ships as TypeScript source, so the built CLI loads it through tsx. Only
// commands that need content or grading call this, which keeps `qkv --help` free of tsx and the engine.
import type * as QuizApi from "@qkv/quiz";
import type * as QuizNodeApi from "@qkv/quiz/node";

export type Engine = typeof QuizApi & typeof QuizNodeApi;

let loaded: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loaded ??= (async () => {
    // Running from source (vitest, tsx) means a TypeScript loader is already in place.
    if (!import.meta.url.endsWith(".ts")) {
      const { register } = await import("tsx/esm/api");
      register();
    }
    const [quiz, node] = await Promise.all([import("@qkv/quiz"), import("@qkv/quiz/node")]);
    return { ...quiz, ...node } as Engine;
  })();
  return loaded;
}
