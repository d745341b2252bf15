export const EXIT_INTERRUPTED = 130;

/**
 * While installed, Ctrl-C (SIGINT) waits for the save in flight, says so, and exits with 130. Every answer is saved
 * as soon as it is given, so nothing else needs flushing. Returns the uninstaller.
 */
export function exitOnInterrupt(pendingSave: () => Promise<unknown>, announce: () => void): () => void {
  const handler = () => {
    void pendingSave()
      .catch(() => undefined)
      .finally(() => {
        announce();
        process.exit(EXIT_INTERRUPTED);
      });
  };
  process.on("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}
