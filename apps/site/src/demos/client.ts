// Shared browser wiring for the demos: read the form, recompute, fill the slots, time it.

/**
 * On every input in the demo's form, calls `compute` with the form's values and replaces each `[data-slot]`'s
 * HTML. The last recompute time (ms) is published as `data-recompute-ms` on the root for the benchmark (and the
 * part before the DOM update, math plus HTML strings, as `data-compute-ms`); an error
 * (e.g. invalid input reported by @qkv/core) is shown in `[data-error]` and leaves the previous numbers in place.
 */
export function bindDemo(root: HTMLElement, compute: (form: Record<string, string>) => Record<string, string>): void {
  const form = root.querySelector("form");
  const error = root.querySelector<HTMLElement>("[data-error]");
  if (!form) return;
  const update = () => {
    const t0 = performance.now();
    const values: Record<string, string> = {};
    new FormData(form).forEach((v, k) => (values[k] = String(v)));
    try {
      const slots = compute(values);
      root.dataset.computeMs = (performance.now() - t0).toFixed(3);
      for (const [name, html] of Object.entries(slots)) {
        const el = root.querySelector<HTMLElement>(`[data-slot="${name}"]`);
        if (el) el.innerHTML = html;
      }
      if (error) error.textContent = "";
    } catch (e) {
      if (error) error.textContent = e instanceof Error ? e.message : String(e);
    }
    root.dataset.recomputeMs = (performance.now() - t0).toFixed(3);
    root.dataset.updates = String(Number(root.dataset.updates ?? 0) + 1);
  };
  form.addEventListener("input", update);
  root.dataset.ready = "true";
}
