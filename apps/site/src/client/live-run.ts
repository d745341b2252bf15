// Loaded on the first Run only: @qkv/quiz's live-code runner (sucrase compiles the TypeScript) and the URL of the
// worker's first script, @qkv/quiz/example-env bundled by Vite as one classic script (@qkv/core and the formatter).
import { createLiveRunner } from "@qkv/quiz/live";
import envUrl from "@qkv/quiz/example-env?worker&url";

export const runLive = createLiveRunner({ envUrl });
