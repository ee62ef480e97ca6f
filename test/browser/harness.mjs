/**
 * Shared pieces of the browser tests: Debian's Chromium driven by playwright-core, a static file
 * server for the built lab folder, a tiny test runner that prints `N passed, N failed`, and
 * screenshots in test-artifacts/.
 */
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const ARTIFACTS = join(ROOT, "test-artifacts", "browser");
export const LAB_BUILD = join(ROOT, "extension", "lab", "build");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

/** Generous timeouts: CI machines are shared and slow. */
export const TIMEOUT = 90_000;

mkdirSync(ARTIFACTS, { recursive: true });

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests: Chromium not found; expected ${CHROMIUM}, got nothing (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT });
}

/**
 * The last test of a page's suite: `problems` (from watchConsole) holds no error, page error or
 * failed request, except those `ignore` accepts; warnings are printed, never failures.
 */
export async function testConsoleClean(suite, problems, ignore = () => false) {
  await suite.test("the console shows no errors, page errors or failed requests", async () => {
    const errors = problems.filter((p) => !p.startsWith("warning:") && !ignore(p));
    check(errors.length === 0, errors.join("\n"));
    const warnings = [...new Set(problems.filter((p) => p.startsWith("warning:")))];
    if (warnings.length > 0) console.log(`       console warnings (not failures):\n         ${warnings.join("\n         ")}`);
  });
}

/** The lab's workspace saves (PUT /lab/api/workspaces/<name>). */
const WORKSPACE_SAVE = /\/lab\/api\/workspaces\//;

/** Collects console errors, page errors and failed requests of a page. */
export function watchConsole(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => {
    const error = r.failure()?.errorText ?? "";
    // JupyterLab writes its layout to the workspace a moment after each change; a test that opens
    // another page meanwhile (save and reload, the dark-theme gallery) aborts that write, as
    // leaving the page would for a user. Any other failed request is a problem.
    if (error === "net::ERR_ABORTED" && WORKSPACE_SAVE.test(r.url())) return;
    problems.push(`requestfailed: ${r.url()} ${error}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  return problems;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".png": "image/png" };

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. */
export function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    ok({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
  }));
}

/** Only the tests whose title matches, when SEQGRAD_BROWSER_GREP is set. */
const GREP = process.env.SEQGRAD_BROWSER_GREP ? new RegExp(process.env.SEQGRAD_BROWSER_GREP) : null;

/** A minimal sequential test runner. */
export class Suite {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
  }

  async test(title, fn) {
    // SEQGRAD_BROWSER_GREP=pattern runs only the tests whose title matches (a regular expression)
    if (GREP !== null && !GREP.test(title)) return;
    const started = Date.now();
    try {
      await fn();
      this.passed += 1;
      console.log(`  ok   ${title} (${Date.now() - started} ms)`);
    } catch (error) {
      this.failed += 1;
      console.log(`  FAIL ${title}\n       ${String(error?.stack ?? error).split("\n").slice(0, 6).join("\n       ")}`);
    }
  }

  skip(title, reason) {
    console.log(`  skip ${title}: ${reason}`);
  }
}

/** Throws with `message` unless `condition`. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function shot(page, name) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
