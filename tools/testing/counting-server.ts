// A loopback HTTP server that records every request it gets: the target of the sandbox attack tests, which assert
// that learner code reaches it zero times (and that a control without the sandbox does reach it).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingServer {
  /** Every request's URL, in arrival order. */
  hits: string[];
  port: number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 at a free port; it answers every request with an empty script, CORS allowed. */
export async function startCountingServer(): Promise<CountingServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*" });
    res.end("");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    hits,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
