// ESLint for the whole workspace (flat config). Syntax-level rules only (no type information), so `pnpm lint` stays
// a few seconds and can run in the README's test command; the TypeScript compiler does the type checking.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.astro/**",
      "**/.pack/**",
      "**/.tsbuild/**",
      "**/test-artifacts/**",
      "**/qkv-practice/**",
      // AssemblyScript (decorators on functions), compiled by asc, not tsc.
      "packages/core/wasm/kernels.ts",
      "apps/site/public/**",
    ],
  },
  {
    files: ["**/*.{ts,mts,js,mjs}"],
    extends: [tseslint.configs.base],
    rules: {
      // Real defects: unused code, loose equality, unreachable or self-contradicting code.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-unreachable": "error",
      "no-dupe-keys": "error",
      "no-duplicate-case": "error",
      "no-self-assign": "error",
      "no-constant-binary-expression": "error",
      "no-unsafe-finally": "error",
      "no-cond-assign": ["error", "except-parens"],
      "no-fallthrough": "error",
      "no-sparse-arrays": "error",
      "no-unused-labels": "error",
      "no-var": "error",
      "prefer-const": ["error", { destructuring: "all" }],
      "@typescript-eslint/no-unused-expressions": "error",
      "@typescript-eslint/no-duplicate-enum-values": "error",
      "@typescript-eslint/no-misused-new": "error",
    },
  },
);
