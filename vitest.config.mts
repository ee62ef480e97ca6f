import { defineConfig } from "vitest/config";

// Unit tests live in test/ and mirror src/. Built output (dist/, kernel/dist/, extension builds)
// is never collected, so a test runs once.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "extension/**", "test-artifacts/**"],
    testTimeout: 30_000,
  },
});
