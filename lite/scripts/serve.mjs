/**
 * Serves the built site on 127.0.0.1 with the headers cross-origin isolation needs
 * (`Cross-Origin-Opener-Policy: same-origin`, `Cross-Origin-Embedder-Policy: require-corp`), so the
 * kernel gets SharedArrayBuffer and an interrupt reaches a running training loop.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ipynb": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".wasm": "application/wasm",
};

export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/**
 * Starts the server on `port` (0: any free port); resolves to { url, close }, `url` being the
 * site's address. `isolate: false` leaves the isolation headers out (the site as a plain host serves
 * it); `folder` publishes the site below a folder (`"course"`: http://127.0.0.1:PORT/course/).
 */
export function serveSite(siteDir, { port = 0, isolate = true, folder = "" } = {}) {
  const mount = folder === "" ? "/" : `/${folder}/`;
  const server = createServer((request, response) => {
    const requested = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!requested.startsWith(mount)) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const path = requested.slice(mount.length - 1);
    let file = normalize(join(siteDir, path));
    if (!file.startsWith(siteDir + sep) && file !== siteDir) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain", ...(isolate ? ISOLATION_HEADERS : {}) }).end("not found");
      return;
    }
    response.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": statSync(file).size,
      "Cache-Control": "no-cache",
      ...(isolate ? ISOLATION_HEADERS : {}),
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address();
      resolve({ url: `http://127.0.0.1:${bound}${mount}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
