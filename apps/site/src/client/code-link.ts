// Code kept in a URL: `#code=` and the UTF-8 text deflated (the browser's CompressionStream) in base64url, so a
// shared link reopens the same code and nothing is sent to any server.
const PREFIX = "#code=";

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The hash (with its `#`) that holds `code`. */
export async function codeHash(code: string): Promise<string> {
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(code), new CompressionStream("deflate-raw")));
}

/** The code held by `hash`, null when it holds none; throws when it is damaged. */
export async function codeFromHash(hash: string): Promise<string | null> {
  if (!hash.startsWith(PREFIX)) return null;
  const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
