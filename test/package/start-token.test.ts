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
