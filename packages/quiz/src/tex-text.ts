// LaTeX → readable Unicode text for terminals. Covers the notation used in the content (fractions, roots,
// scripts, Greek, operators, text/font commands, matrices); anything unknown degrades to its name, never throws.

const SYMBOLS: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Upsilon: "Υ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  cdot: "·",
  times: "×",
  div: "÷",
  pm: "±",
  mp: "∓",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  neq: "≠",
  ne: "≠",
  approx: "≈",
  equiv: "≡",
  sim: "∼",
  propto: "∝",
  in: "∈",
  notin: "∉",
  subset: "⊂",
  subseteq: "⊆",
  cup: "∪",
  cap: "∩",
  sum: "Σ",
  prod: "Π",
  int: "∫",
  infty: "∞",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  Rightarrow: "⇒",
  Leftarrow: "⇐",
  leftrightarrow: "↔",
  mapsto: "↦",
  implies: "⇒",
  iff: "⇔",
  ldots: "…",
  cdots: "⋯",
  dots: "…",
  vdots: "⋮",
  partial: "∂",
  nabla: "∇",
  odot: "⊙",
  otimes: "⊗",
  oplus: "⊕",
  circ: "∘",
  forall: "∀",
  exists: "∃",
  mid: "|",
  vert: "|",
  lvert: "|",
  rvert: "|",
  Vert: "‖",
  lVert: "‖",
  rVert: "‖",
  langle: "⟨",
  rangle: "⟩",
  lfloor: "⌊",
  rfloor: "⌋",
  lceil: "⌈",
  rceil: "⌉",
  top: "ᵀ",
  intercal: "ᵀ",
  prime: "′",
  ell: "ℓ",
  star: "⋆",
  ast: "∗",
  neg: "¬",
  land: "∧",
  lor: "∨",
  emptyset: "∅",
  sqrt: "√",
  bullet: "•",
  log: "log",
  ln: "ln",
  exp: "exp",
  max: "max",
  min: "min",
  arg: "arg",
  argmax: "argmax",
  argmin: "argmin",
  sin: "sin",
  cos: "cos",
  tan: "tan",
  tanh: "tanh",
  det: "det",
  dim: "dim",
  lim: "lim",
  sup: "sup",
  inf: "inf",
  Pr: "Pr",
  "{": "{",
  "}": "}",
  "|": "‖",
  "%": "%",
  $: "$",
  "&": "&",
  "#": "#",
  _: "_",
  ",": " ",
  ";": " ",
  ":": " ",
  " ": " ",
  "!": "",
  quad: "  ",
  qquad: "    ",
};
const ACCENTS: Record<string, string> = {
  hat: "\u0302",
  bar: "\u0304",
  tilde: "\u0303",
  vec: "\u20d7",
  dot: "\u0307",
  overline: "\u0304",
};
const BLACKBOARD: Record<string, string> = { R: "ℝ", N: "ℕ", Z: "ℤ", Q: "ℚ", C: "ℂ", E: "𝔼", P: "ℙ" };
const FONT = new Set([
  "mathrm",
  "text",
  "textrm",
  "mathbf",
  "textbf",
  "mathit",
  "textit",
  "boldsymbol",
  "bm",
  "mathsf",
  "mathtt",
  "texttt",
  "operatorname",
  "mathcal",
  "mathscr",
  "mbox",
  "emph",
  "displaystyle",
  "textstyle",
  "scriptstyle",
]);
const SIZING = new Set([
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "biggl",
  "biggr",
  "middle",
  "limits",
  "nolimits",
]);
const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  a: "ᵃ",
  b: "ᵇ",
  c: "ᶜ",
  d: "ᵈ",
  e: "ᵉ",
  f: "ᶠ",
  g: "ᵍ",
  h: "ʰ",
  i: "ⁱ",
  j: "ʲ",
  k: "ᵏ",
  l: "ˡ",
  m: "ᵐ",
  n: "ⁿ",
  o: "ᵒ",
  p: "ᵖ",
  r: "ʳ",
  s: "ˢ",
  t: "ᵗ",
  u: "ᵘ",
  v: "ᵛ",
  w: "ʷ",
  x: "ˣ",
  y: "ʸ",
  z: "ᶻ",
  T: "ᵀ",
  ᵀ: "ᵀ",
  "′": "′",
  "*": "*",
};

class Reader {
  pos = 0;
  constructor(readonly src: string) {}
  done(): boolean {
    return this.pos >= this.src.length;
  }
  peek(): string {
    return this.src[this.pos] ?? "";
  }
}

/** Converts a LaTeX formula to plain Unicode text. */
export function texToText(tex: string): string {
  const r = new Reader(tex);
  return convert(r, "")
    .replace(/[ \t]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim();
}

function convert(r: Reader, until: string): string {
  let out = "";
  while (!r.done()) {
    const ch = r.peek();
    if (until && ch === until) break;
    out += atom(r, out);
  }
  return out;
}

/** One unit: a command, a group, a script or a character. `prev` is the text so far (for script placement). */
function atom(r: Reader, prev: string): string {
  const ch = r.peek();
  if (ch === "{") return group(r);
  if (ch === "}") {
    r.pos++;
    return "";
  }
  if (ch === "^" || ch === "_") {
    r.pos++;
    const arg = argument(r);
    return ch === "^" ? superscript(arg) : subscript(arg);
  }
  if (ch === "\\") return command(r, prev);
  if (ch === "~") {
    r.pos++;
    return " ";
  }
  if (ch === "&") {
    r.pos++;
    return ", ";
  }
  r.pos++;
  if (ch === "-") return "−";
  if (ch === "*") return "·";
  if (ch === "'") return "′";
  return ch;
}

function group(r: Reader): string {
  r.pos++; // {
  const s = convert(r, "}");
  r.pos++; // }
  return s;
}

/** A command or group argument: `{…}`, `\cmd`, or one character. */
function argument(r: Reader): string {
  while (r.peek() === " ") r.pos++;
  if (r.peek() === "{") return group(r);
  if (r.peek() === "\\") return command(r, "");
  const c = r.peek();
  r.pos++;
  return c === "-" ? "−" : c;
}

function optional(r: Reader): string | null {
  while (r.peek() === " ") r.pos++;
  if (r.peek() !== "[") return null;
  r.pos++;
  const s = convert(r, "]");
  r.pos++;
  return s;
}

function command(r: Reader, prev: string): string {
  r.pos++; // backslash
  let name = "";
  if (/[A-Za-z]/.test(r.peek())) {
    while (/[A-Za-z]/.test(r.peek())) name += r.src[r.pos++];
  } else {
    name = r.peek();
    r.pos++;
    if (name === "\\") return "\n";
  }
  if (name === "frac" || name === "dfrac" || name === "tfrac") {
    const a = argument(r);
    const b = argument(r);
    return `${wrap(a)}/${wrap(b)}`;
  }
  if (name === "sqrt") {
    const n = optional(r);
    const x = argument(r);
    return `${n ? superscript(n) : ""}√${wrap(x)}`;
  }
  // Modular arithmetic reads as "mod": a \bmod b → "a mod b", a \pmod{n} → "a (mod n)".
  if (name === "bmod" || name === "mod") return " mod ";
  if (name === "pmod") return ` (mod ${argument(r)})`;
  if (name === "mathbb") {
    const x = argument(r);
    return [...x].map((c) => BLACKBOARD[c] ?? c).join("");
  }
  if (ACCENTS[name]) {
    const x = argument(r);
    return x.length === 1 ? x + ACCENTS[name] : `${name}(${x})`;
  }
  if (FONT.has(name)) return FONT_NO_ARG.has(name) ? "" : argument(r);
  if (SIZING.has(name)) {
    // The delimiter that follows (\left( …) is kept; `\left.` is an invisible delimiter.
    while (r.peek() === " ") r.pos++;
    if (r.peek() === ".") r.pos++;
    return "";
  }
  if (name === "begin") {
    const env = argument(r);
    const body = r.src.indexOf(`\\end{${env}}`, r.pos);
    const inner = body < 0 ? r.src.slice(r.pos) : r.src.slice(r.pos, body);
    r.pos = body < 0 ? r.src.length : body + `\\end{${env}}`.length;
    const rows = inner
      .split(/\\\\/)
      .map((row) =>
        row
          .split("&")
          .map((cell) => texToText(cell))
          .join(", "),
      )
      .filter((row) => row.trim() !== "");
    if (env === "cases") return `{ ${rows.join("; ")} }`;
    return `[${rows.join("; ")}]`;
  }
  if (name === "end") {
    argument(r);
    return "";
  }
  if (name in SYMBOLS) {
    const s = SYMBOLS[name];
    // Word-like operators need a space before a following letter (\log x, \max_i).
    return /^[a-z]{2,}$/i.test(s) && /[A-Za-z0-9]$/.test(prev) ? ` ${s}` : s;
  }
  return name;
}
const FONT_NO_ARG = new Set(["displaystyle", "textstyle", "scriptstyle"]);

/** Parenthesises compound text so `a+b` over `c` reads `(a+b)/c`. */
function wrap(s: string): string {
  const t = s.trim();
  if (/^[\p{L}\p{N}.′ᵀ_√·]+$/u.test(t) && !/·/.test(t.slice(1))) return t;
  if (isParenthesised(t)) return t;
  return `(${t})`;
}

function isParenthesised(t: string): boolean {
  return /^\(.*\)$/s.test(t) && balanced(t.slice(1, -1));
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "(") depth++;
    if (c === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

function superscript(s: string): string {
  const t = s.trim();
  if (t === "") return "";
  if ([...t].every((c) => SUPERSCRIPT[c] !== undefined)) return [...t].map((c) => SUPERSCRIPT[c]).join("");
  return t.length === 1 || isParenthesised(t) ? `^${t}` : `^(${t})`;
}

function subscript(s: string): string {
  const t = s.trim();
  if (t === "") return "";
  return /^[\p{L}\p{N}]+$/u.test(t) || isParenthesised(t) ? `_${t}` : `_(${t})`;
}
