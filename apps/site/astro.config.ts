import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { contentSecurityPolicy } from "./src/lib/csp.ts";
import { sidebar } from "./src/lib/nav.ts";

export default defineConfig({
  site: "http://127.0.0.1:4321",
  trailingSlash: "always",
  markdown: { remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { trust: false }]] },
  integrations: [
    starlight({
      title: "qkv",
      description: "Learn and verify how Transformers work: questions, exercises and live demos computed by @qkv/core.",
      customCss: ["katex/dist/katex.min.css", "./src/styles/site.css"],
      sidebar: sidebar(),
      components: { PageTitle: "./src/components/PageTitle.astro", Sidebar: "./src/components/Sidebar.astro" },
      lastUpdated: false,
      pagination: false,
      expressiveCode: false,
    }),
    contentSecurityPolicy(),
  ],
  server: { host: "127.0.0.1" },
  vite: { server: { fs: { allow: ["../.."] } }, ssr: { external: ["typescript"] } },
});
