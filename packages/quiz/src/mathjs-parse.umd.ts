// Node: the same mathjs version's single-file build, which loads in ~0.1 s where the ESM entry (over a thousand
// modules, all loaded for any named import) takes seconds — paid by every process that imports @qkv/quiz,
// including each content load. Only `parse` is used; nothing of mathjs is ever evaluated (see answer.ts).
import type { MathNode } from "mathjs";
import mathUmd from "mathjs/lib/browser/math.js";

const math = mathUmd as { parse(text: string): MathNode };

export function parseExpression(text: string): MathNode {
  return math.parse(text);
}
