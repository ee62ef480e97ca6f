import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest, started first so that no worker is left with one of them at the
 * end. Without a cache of earlier durations (a fresh checkout, as CI has) vitest would start the
 * largest files first, and these are small.
 */
const SLOWEST_FIRST = [
  "test/backend/sequence.test.ts",
  "test/package/typescript-consumers.test.ts",
  "test/models/seq2seq-dates.test.ts",
  "test/backend/sequence-backward.test.ts",
  "test/backend/steps.test.ts",
  "test/package/dual-package.test.ts",
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((slow) => file.moduleId.replaceAll("\\", "/").endsWith(slow));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

// Unit tests live in test/ and mirror src/. Built output (dist/, kernel/dist/, extension builds)
// is never collected, so a test runs once. One worker per core: vitest's default leaves one core
// free, which on a 2-core machine runs every file one after the other. The time limit is a guard
// against a hang; with two workers sharing a loaded machine's cores the slowest tests (bit-exact
// sequence checks, the strict compile) take up to 2-3 times as long as alone.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "extension/**", "test-artifacts/**"],
    testTimeout: 60_000,
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowestFirst },
  },
});
