// Browser builds: a mathjs instance holding only the expression parser (tree-shaken by the bundler). Nothing of
// mathjs is ever evaluated; answer.ts walks the parsed tree itself.
import { create, parseDependencies, type MathNode } from "mathjs";

const math = create({ parseDependencies });

export function parseExpression(text: string): MathNode {
  return math.parse(text);
}
