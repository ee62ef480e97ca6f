/**
 * The converters (TypeScript to JavaScript) tslab's executor compiles cells with, made on first
 * use: one for Node code and one for `//%browser` cells. `build` runs each construction (seconds:
 * a whole language service), so the interrupt watchdog never terminates one half-built.
 */
import { createConverter } from "tslab/dist/converter";
import type { Converter } from "tslab/dist/converter";
import type { ConverterSet } from "tslab/dist/executor";

/** A lazily built converter set; `decorate` may wrap the Node converter (strict checking). */
export function createConverterSet(
  decorate: (converter: Converter) => Converter = (c) => c,
  build: (make: () => Converter) => Converter = (make) => make(),
): ConverterSet {
  let node: Converter | undefined;
  let browser: Converter | undefined;
  return {
    get node(): Converter {
      node ??= build(() => decorate(createConverter({ isJS: false, isBrowser: false })));
      return node;
    },
    get browser(): Converter {
      browser ??= build(() => createConverter({ isJS: false, isBrowser: true }));
      return browser;
    },
    close(): void {
      node?.close();
      browser?.close();
    },
  };
}
