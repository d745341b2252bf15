// Debian's Chromium for real-browser tests and benchmarks: never a downloaded browser. Flags from TOOLCHAIN.md; each
// launch passes a fresh profile folder (playwright-core's launchPersistentContext) separately.

/** The browser binary (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Headless, no sandbox (containers), no GPU, and no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Options for `chromium.launchPersistentContext(profile, …)`. */
export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS };
