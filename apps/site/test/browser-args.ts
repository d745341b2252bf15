/** Flags for Debian's /usr/bin/chromium in tests and the benchmark (a fresh profile is passed separately). */
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
