// The exports of the shared-memory variant (the entry file of the threads build): everything of
// index.as, and the work sharing that helper threads run.

export * from "./index";
export { share } from "./parallel";
