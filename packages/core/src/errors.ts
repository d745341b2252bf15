/** Base class of every error @qkv/core throws on purpose, so callers can tell bad input from bugs. */
export class QkvError extends Error {
  override name = "QkvError";
}

/**
 * A tensor argument had the wrong shape.
 * The message names the function, the argument, the shape it expected (with dimension names) and the one given:
 *   attention: argument "K" must have shape (S, d_k=4), got (3, 5)
 */
export class ShapeError extends QkvError {
  override name = "ShapeError";
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly expected: string,
    readonly given: readonly number[],
  ) {
    super(`${fn}: argument "${arg}" must have shape ${expected}, got ${formatShape(given)}`);
  }
}

/** A non-shape argument (a count, a probability, an option) is out of range or of the wrong kind. */
export class ArgumentError extends QkvError {
  override name = "ArgumentError";
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly problem: string,
  ) {
    super(`${fn}: argument "${arg}" ${problem}`);
  }
}

export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}

/** A dimension pattern: a fixed size, a named size that must agree across arguments, or "..." for any leading dims. */
export type Dim = number | string;

/**
 * Check `shape` against a pattern such as ["B", "T", "d_model"] and record named sizes in `dims`, so that the
 * same name must have the same size in every argument checked with the same `dims` object. A leading "..." matches
 * any number of leading dimensions. Returns `dims` for destructuring.
 */
export function checkShape(
  fn: string,
  arg: string,
  shape: readonly number[],
  pattern: readonly Dim[],
  dims: Record<string, number> = {},
): Record<string, number> {
  const rest = pattern[0] === "...";
  const tail = rest ? pattern.slice(1) : pattern;
  const ok = rest ? shape.length >= tail.length : shape.length === tail.length;
  const offset = shape.length - tail.length;
  const fail = (): never => {
    const parts = tail.map((p) => (typeof p === "number" ? String(p) : p in dims ? `${p}=${dims[p]}` : p));
    throw new ShapeError(fn, arg, `(${rest ? ["…", ...parts].join(", ") : parts.join(", ")})`, shape);
  };
  if (!ok) fail();
  const bound: Record<string, number> = {};
  tail.forEach((p, i) => {
    const size = shape[offset + i];
    if (typeof p === "number") {
      if (size !== p) fail();
    } else if (p in dims || p in bound) {
      if ((dims[p] ?? bound[p]) !== size) fail();
    } else {
      bound[p] = size;
    }
  });
  return Object.assign(dims, bound);
}
