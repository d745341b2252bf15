// The quiz engine (@qkv/quiz, @qkv/core). The build bundles it into its own chunk, loaded only by commands that
// need content or grading, which keeps `qkv --help` free of it.
import type * as QuizApi from "@qkv/quiz";
import type * as QuizNodeApi from "@qkv/quiz/node";

export type Engine = typeof QuizApi & typeof QuizNodeApi;

let loaded: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loaded ??= (async () => {
    const [quiz, node] = await Promise.all([import("@qkv/quiz"), import("@qkv/quiz/node")]);
    return { ...quiz, ...node } as Engine;
  })();
  return loaded;
}
