import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { History } from "../../kernel/src/history";

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, appendFileSync: vi.fn(real.appendFileSync) };
});

describe("History session numbers", () => {
  let dir = "";
  let file = "";

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "history-"));
    file = join(dir, "history.jsonl");
  });

  afterEach(() => {
    vi.mocked(fs.appendFileSync).mockClear();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives kernels that start before either runs a cell different sessions", () => {
    const first = new History(file);
    const second = new History(file);
    expect([first.session, second.session]).toEqual([1, 2]);
    first.record(1, "a");
    second.record(1, "b");
    expect(new History(file).reply({ hist_access_type: "tail", n: 2 }).history).toEqual([
      [1, 1, "a"],
      [2, 1, "b"],
    ]);
  });

  it("takes the next number when another kernel's claim of the same number landed first", () => {
    const append = vi.mocked(fs.appendFileSync);
    const real = append.getMockImplementation();
    append.mockImplementationOnce((path, data) => {
      real?.(path, `${JSON.stringify({ session: 1, claim: "another kernel" })}\n`);
      real?.(path, data);
    });
    const history = new History(file);
    expect(history.session).toBe(2);
    const claims = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line).session);
    expect(claims).toEqual([1, 1, 2]);
  });

  it("numbers a session after the ones recorded before claims existed", () => {
    fs.writeFileSync(file, `${JSON.stringify({ session: 4, line: 1, input: "x" })}\n`);
    expect(new History(file).session).toBe(5);
  });

  it("keeps one session in memory when the file cannot be written", () => {
    fs.writeFileSync(file, "");
    const history = new History(join(file, "not-a-folder", "history.jsonl"));
    expect(history.session).toBe(1);
    history.record(1, "kept");
    expect(history.reply({}).history).toEqual([[1, 1, "kept"]]);
  });
});
