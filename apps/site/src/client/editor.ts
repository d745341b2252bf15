// The code editor of live code (question-page examples and the playground): CodeMirror 6 with TypeScript syntax,
// loaded by a dynamic import only when a learner edits, so pages that are only read never download it.
// Tab indents; as CodeMirror documents for keyboard users, Escape then Tab (or Shift-Tab) moves focus out instead.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { typescriptLanguage } from "@codemirror/lang-javascript";
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

export interface Editor {
  code(): string;
  /** Replaces the whole text (Reset), clearing any error mark. */
  setCode(code: string): void;
  /** Marks a 1-based line as the one an error came from (undefined clears it). */
  markError(line: number | undefined): void;
  focus(): void;
  /** Calls `listener` after every change of the text. */
  onChange(listener: (code: string) => void): void;
}

export interface EditorOptions {
  /** Accessible name of the text area, e.g. "Example code, editable". */
  label: string;
  /** Ctrl-Enter / Cmd-Enter. */
  onRun(): void;
}

// Colours come from the site's stylesheet (light and dark theme), so they keep their contrast in both.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--qkv-code-keyword)" },
  { tag: [t.string, t.special(t.string), t.regexp], color: "var(--qkv-code-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--qkv-code-number)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--qkv-code-comment)", fontStyle: "italic" },
  { tag: [t.typeName, t.className, t.namespace], color: "var(--qkv-code-type)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: "var(--qkv-code-function)" },
]);

/** Editor chrome in the site's theme variables (Starlight's light and dark themes), monospace text. */
const theme = EditorView.theme({
  "&": {
    color: "var(--sl-color-white)",
    backgroundColor: "var(--sl-color-black)",
    border: "1px solid var(--sl-color-gray-4)",
    borderRadius: "0.35rem",
    fontSize: "var(--sl-text-sm)",
  },
  "&.cm-focused": { outline: "2px solid var(--sl-color-text-accent)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--sl-font-mono, var(--sl-font-system-mono))", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--sl-color-white)", padding: "0.5rem 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--sl-color-white)" },
  ".cm-gutters": { backgroundColor: "var(--sl-color-gray-6)", color: "var(--sl-color-gray-2)", border: "none" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--sl-color-gray-5) 35%, transparent)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "color-mix(in srgb, var(--sl-color-accent) 35%, transparent)",
  },
  ".cm-matchingBracket": { outline: "1px solid var(--sl-color-gray-3)", backgroundColor: "transparent" },
  ".qkv-cm-error-line": { backgroundColor: "color-mix(in srgb, var(--sl-color-red, #e55) 22%, transparent)" },
});

const setErrorLine = StateEffect.define<number | undefined>();
const errorLineMark = Decoration.line({ class: "qkv-cm-error-line" });
/** The line decoration of the error line; dropped on any edit (the line it named may have moved). */
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects)
      if (e.is(setErrorLine)) {
        if (e.value === undefined || e.value > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([errorLineMark.range(tr.state.doc.line(e.value).from)]);
      }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function extensions(options: EditorOptions, changed: () => void): Extension[] {
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    indentOnInput(),
    bracketMatching(),
    indentUnit.of("  "),
    EditorState.tabSize.of(2),
    typescriptLanguage,
    syntaxHighlighting(highlight),
    theme,
    errorLine,
    keymap.of([
      { key: "Mod-Enter", run: () => (options.onRun(), true) },
      ...defaultKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
    // tabindex makes the (already focusable) text area count as focusable content of its scroll box for checkers.
    EditorView.contentAttributes.of({ "aria-label": options.label, tabindex: "0" }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) changed();
    }),
  ];
}

/** A CodeMirror editor holding `code`, appended to `parent`. */
export function createEditor(parent: HTMLElement, code: string, options: EditorOptions): Editor {
  const listeners: ((code: string) => void)[] = [];
  const changed = () => listeners.forEach((l) => l(view.state.doc.toString()));
  const view = new EditorView({ state: EditorState.create({ doc: code, extensions: extensions(options, changed) }), parent });
  return {
    code: () => view.state.doc.toString(),
    setCode(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next }, effects: setErrorLine.of(undefined) });
    },
    markError(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
    },
    focus: () => view.focus(),
    onChange: (l) => void listeners.push(l),
  };
}
