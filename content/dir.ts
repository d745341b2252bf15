// Where the content lives on disk, for Node code that reads it (the site's sidebar at config time).
import { fileURLToPath } from "node:url";

/** Absolute path of the content folder, with a trailing separator. */
export const CONTENT_DIR = fileURLToPath(new URL(".", import.meta.url));
