// Test-only preload (node --import): makes file-system writes whose path contains $QKV_FAULT_PATH fail with the
// errno $QKV_FAULT_CODE. CI runs as root, and root writes into a read-only folder regardless of its mode, has no
// full disk at hand and may not mount a small one; this produces EACCES and ENOSPC exactly where the OS would
// report them, in the real CLI process, without any hook in the product code.
import fs from "node:fs";

const part = process.env.QKV_FAULT_PATH;
const code = process.env.QKV_FAULT_CODE;
const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT;

/** Whether fs.promises[name](path, …rest) would write. */
function writes(name, rest) {
  if (name !== "open") return true;
  const flags = rest[0] ?? "r";
  return typeof flags === "number" ? (flags & WRITE_FLAGS) !== 0 : /[wa+]/.test(flags);
}

if (part && code) {
  for (const name of ["open", "writeFile", "appendFile", "mkdir", "link", "rename", "copyFile", "rm", "unlink"]) {
    const original = fs.promises[name];
    fs.promises[name] = function (path, ...rest) {
      if (String(path).includes(part) && writes(name, rest)) {
        const err = new Error(`${code}: injected by fs-fault.mjs, ${name} '${path}'`);
        Object.assign(err, { code, syscall: name, path: String(path), errno: -1 });
        return Promise.reject(err);
      }
      return original.call(this, path, ...rest);
    };
  }
}
