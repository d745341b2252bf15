// Sidebar for every page, computed when the config loads (Node): topics with their questions, demos, core modules.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CONTENT_DIR } from "@qkv/content/dir";
import { TOPICS, parseQuestionFile } from "@qkv/quiz";
import { topicLabel } from "./labels.ts";
import { DEMOS } from "./topics.ts";

/** Core modules re-exported by packages/core/src/index.ts (the public components), in index order. */
export function coreFiles(): string[] {
  const index = readFileSync(join(dirname(createRequire(import.meta.url).resolve("@qkv/core")), "index.ts"), "utf8");
  return [...index.matchAll(/^export \* from "\.\/([\w-]+)\.js";/gm)].map((m) => m[1]);
}

/** Question links of a topic, titles from @qkv/quiz's parser (unparsable files are left to the build to report). */
function topicQuestions(topic: string): { label: string; link: string }[] {
  const dir = `${CONTENT_DIR}${topic}`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => {
      const q = parseQuestionFile(`content/${topic}/${f}`, readFileSync(`${dir}/${f}`, "utf8")).question;
      return q ? [{ label: q.title, link: `/topics/${topic}/${q.id}/` }] : [];
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function sidebar() {
  return [
    { label: "Home", link: "/" },
    {
      label: "Topics",
      items: TOPICS.map((t) => ({ t, qs: topicQuestions(t) }))
        .filter(({ qs }) => qs.length > 0)
        .map(({ t, qs }) => ({
          label: topicLabel(t),
          collapsed: true,
          items: [{ label: `All ${topicLabel(t).toLowerCase()} questions`, link: `/topics/${t}/` }, ...qs],
        })),
    },
    { label: "Demos", items: DEMOS.map((d) => ({ label: d.title, link: `/demos/${d.slug}/` })) },
    { label: "Playground", link: "/playground/" },
    { label: "How qkv proves it", link: "/proof/" },
    { label: "Experiments", link: "/experiments/" },
    {
      label: "Core components",
      collapsed: true,
      items: [{ label: "Overview", link: "/core/" }, ...coreFiles().map((f) => ({ label: f, link: `/core/${f}/` }))],
    },
    { label: "About", link: "/about/" },
  ];
}
