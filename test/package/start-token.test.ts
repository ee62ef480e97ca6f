import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { FRONTENDS, launch } from "../../scripts/start.mjs";

interface Frontend {
  name: string;
}
interface Launch {
  program: string;
  args: string[];
  env: Record<string, string>;
  url: string;
}

describe("npm start", () => {
  const token = "f00dfacecafe0123456789abcdef";

  it.each((FRONTENDS as Frontend[]).map((f) => [f.name, f]))("%s gets the token through JUPYTER_TOKEN, never on its command line", (_name, frontend) => {
    const run = (launch as (f: Frontend, o: { port: number; token: string }) => Launch)(frontend, { port: 8899, token });
    expect([run.program, ...run.args].join(" ")).not.toContain(token);
    expect(run.env.JUPYTER_TOKEN).toBe(token);
    expect(run.url).toContain(`token=${token}`);
  });
});

describe("npm start as a script", () => {
  it("calls main() only after every top-level const, let and class is declared (else a ReferenceError)", () => {
    const lines = readFileSync(resolve(__dirname, "..", "..", "scripts", "start.mjs"), "utf8").split("\n");
    const call = lines.findIndex((line) => /^\s*await main\(\);/.test(line));
    const declarations = lines.flatMap((line, at) => (/^(export )?(const|let|class) /.test(line) ? [at] : []));
    expect(call).toBeGreaterThan(0);
    expect(Math.max(...declarations)).toBeLessThan(call);
  });
});
