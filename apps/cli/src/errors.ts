/** An expected failure with a message for the user (printed without a stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A Node file-system error (it has an errno code and usually the path it was about). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string" && "syscall" in err;
}

/**
 * One line for a file-system fault: what could not be done, why, and what to do about it. `dataDir` is the folder
 * the failing operation was working in (for the progress store); without it the error's own path is used.
 */
export function fsFaultMessage(err: NodeJS.ErrnoException, dataDir?: string): string {
  const path = err.path ?? dataDir ?? "a file";
  const where = dataDir ?? path;
  const elsewhere = dataDir ? "choose another data folder with --data DIR (or QKV_DATA_DIR)" : "choose another place";
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return `permission denied writing in ${where}: make it writable for your user (chmod u+w), or ${elsewhere}`;
    case "EROFS":
      return `${where} is on a read-only file system: ${elsewhere}`;
    case "ENOTDIR":
      return `${where} is not a folder (a file is in the way at or above it): move that file, or ${elsewhere}`;
    case "EEXIST":
      return `${path} already exists and is not what qkv expected (a file where a folder should be?): move it, or ${elsewhere}`;
    case "EISDIR":
      return `${path} is a folder, but qkv keeps its progress in a file of that name: move the folder away, or ${elsewhere}`;
    case "ENOSPC":
    case "EDQUOT":
      return `no space left on the disk holding ${where} (nothing was changed): free some space and run the command again`;
    case "EMFILE":
    case "ENFILE":
      return `too many open files while using ${path}: close other programs or raise the limit (ulimit -n), then retry`;
    case "EIO":
      return `the disk reported an I/O error on ${path}: check the disk, or ${elsewhere}`;
    default:
      return err.message;
  }
}
