import { describe, expect, it } from "vitest";
import * as seqgrad from "../src";

/** Validators, encoders and plumbing the library calls itself; users never do. */
const INTERNAL = /^(check[A-Z]|validate[A-Z]|escapeHtml$|writeFileAtomic$|detachCarry$|attentionRow$|beamFromRow$|generatorOf$)/;

describe("the public namespaces", () => {
  for (const name of ["nn", "data", "train", "optim", "functional", "loss", "init", "io", "generate"] as const) {
    it(`${name} exports no internal helper`, () => {
      const exported = Object.keys(seqgrad[name]).filter((key) => INTERNAL.test(key));
      expect(exported).toEqual([]);
    });
  }
});
