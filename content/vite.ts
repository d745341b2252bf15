// The content as build-time modules for Vite-based front ends (the site): every question file with its exercises
// module, and every experiment with its committed full run, gathered by import.meta.glob from this folder. Node
// front ends read the folder itself instead (CONTENT_DIR, @qkv/quiz/node's loadContentDir).
import type { ContentFile } from "@qkv/quiz";

/** "./attention/x.md" → "content/attention/x.md", the path problems and question pages show. */
const shown = (key: string) => `content/${key.slice(2)}`;

const markdown = import.meta.glob<string>("./*/*.md", { query: "?raw", import: "default", eager: true });
const exerciseModules = import.meta.glob<{ default: unknown }>("./*/*.exercises.ts", { eager: true });
const exerciseTexts = import.meta.glob<string>("./*/*.exercises.ts", { query: "?raw", import: "default", eager: true });
const definitions = import.meta.glob<{ default: unknown }>("./experiments/*.experiment.ts", { eager: true });
const results = import.meta.glob<unknown>("./experiments/*.full.json", { import: "default", eager: true });

/** Every `content/<topic>/<slug>.md`. */
export const questionFiles: ContentFile[] = Object.entries(markdown).map(([key, text]) => ({ path: shown(key), text }));

/** Every `content/<topic>/<slug>.exercises.ts`: its default export (unchecked) and its source text. */
export const exerciseFiles: { path: string; module: unknown; text: string }[] = Object.entries(exerciseModules).map(
  ([key, mod]) => ({ path: shown(key), module: mod.default, text: exerciseTexts[key] }),
);

/** Every `content/experiments/<slug>.experiment.ts` (default export, unchecked) with its `<slug>.full.json`. */
export const experimentFiles: { slug: string; path: string; definition: unknown; result: unknown }[] = Object.entries(
  definitions,
)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([key, mod]) => {
    const slug = key.slice("./experiments/".length, -".experiment.ts".length);
    return { slug, path: shown(key), definition: mod.default, result: results[`./experiments/${slug}.full.json`] };
  });
