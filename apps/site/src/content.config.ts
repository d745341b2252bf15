import { defineCollection, z } from "astro:content";
import { docsLoader } from "@astrojs/starlight/loaders";
import { docsSchema } from "@astrojs/starlight/schema";

// titleHtml: a page title with formatted parts (a question's KaTeX), shown by components/PageTitle.astro.
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: z.object({ titleHtml: z.string().optional() }) }) }),
};
