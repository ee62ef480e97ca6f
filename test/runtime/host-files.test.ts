import { afterEach, describe, expect, it } from "vitest";
import { ValueError, data, io, tensor } from "../../src";
import { HOST_FILES_KEY, HostFiles, hostFiles } from "../../src/runtime/host-files";
import { envVar, nodeBuiltin } from "../../src/runtime/node-builtin";

/** Files kept in a map, as a browser kernel keeps them: the shape a kernel installs. */
function memoryFiles(initial: Record<string, string>): HostFiles & { files: Map<string, Uint8Array> } {
  const files = new Map(Object.entries(initial).map(([k, v]) => [k, new TextEncoder().encode(v)]));
  return {
    files,
    dataDir: () => "/site/data",
    join: (folder, name) => `${folder}/${name}`,
    exists: (path) => files.has(path),
    read: (path) => {
      const bytes = files.get(path);
      if (bytes === undefined) throw new ValueError(`read: no file ${path}`);
      return bytes;
    },
    write: (path, pieces) => {
      const parts = [...pieces];
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      files.set(path, out);
    },
  };
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, HOST_FILES_KEY);
});

describe("host files", () => {
  it("are Node's by default, with the corpora in notebooks/data", () => {
    expect(hostFiles("test").dataDir()).toMatch(/notebooks[\\/]data$/);
    expect(hostFiles("test").exists(data.dataFile("test", "tinyshakespeare.txt"))).toBe(true);
  });

  it("are the installed ones when a kernel installs files, for corpora and checkpoints alike", () => {
    const mem = memoryFiles({ "/site/data/tinyshakespeare.txt": "abcabcab" });
    Reflect.set(globalThis, HOST_FILES_KEY, mem);
    expect(data.dataDir()).toBe("/site/data");
    expect(data.loadTextCorpus({ level: "char" }).vocab.size).toBeGreaterThanOrEqual(3);
    io.saveSafetensors("/w/t.safetensors", { t: tensor([1, 2, 3]) });
    expect(mem.files.has("/w/t.safetensors")).toBe(true);
    expect(Array.from(io.loadSafetensors("/w/t.safetensors")["t"]?.data ?? [])).toEqual([1, 2, 3]);
  });

  it("name the op and the file when a corpus is missing from the installed files", () => {
    Reflect.set(globalThis, HOST_FILES_KEY, memoryFiles({}));
    expect(() => data.loadTextCorpus()).toThrow(/loadTextCorpus: file not found; .*\/site\/data, got "tinyshakespeare.txt"/);
  });

  it("ignore an installed object that lacks a method", () => {
    Reflect.set(globalThis, HOST_FILES_KEY, { dataDir: () => "/x" });
    expect(hostFiles("test").dataDir()).toMatch(/notebooks[\\/]data$/);
  });
});

describe("nodeBuiltin", () => {
  it("hands out Node's modules and undefined for names that are none", () => {
    expect(typeof nodeBuiltin<{ join: unknown }>("node:path")?.join).toBe("function");
    expect(nodeBuiltin("node:no-such-module")).toBeUndefined();
  });

  it("reads environment variables as strings, undefined when unset", () => {
    expect(envVar("SEQGRAD_UNSET_FOR_TEST")).toBeUndefined();
    expect(typeof envVar("PATH")).toBe("string");
  });
});
