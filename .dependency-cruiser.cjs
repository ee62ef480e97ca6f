/**
 * Import rules of seqgrad, checked by `npm run lint:imports` (part of `npm test`) with
 * dependency-cruiser. Each rule says which layer may not reach which, and why; CONTRIBUTING.md
 * lists them. The allowed cycles: Tensor's methods (`x.add(y)`, `x.matmul(w)`, `x.backward()`)
 * call the ops, functional and autograd, which build Tensors, so src/tensor/tensor.ts and those
 * import each other (as PyTorch's and tinygrad's Tensor do); and ops whose backwards are each
 * other (the backward of gather is a scatter and that of scatter a gather). Every other run-time
 * cycle is an error.
 */
/**
 * A rule that files under `from` (minus `fromNot`) import nothing under `to` (minus `toNot`);
 * all arguments are path regular expressions.
 */
function forbid(name, comment, from, to, { fromNot, toNot } = {}) {
  return {
    name,
    severity: "error",
    comment,
    from: fromNot === undefined ? { path: from } : { path: from, pathNot: fromNot },
    to: toNot === undefined ? { path: to } : { path: to, pathNot: toNot },
  };
}

module.exports = {
  forbidden: [
    forbid(
      "ops-through-backend",
      "Compute kernels are reached through getBackend() (src/backend/backend.ts): a loop is either a Backend method, which the wasm backend may implement, or it lives outside src/backend (src/ops/loops). Only src/backend imports its js and wasm implementations.",
      "^src/",
      "^src/backend/(js|wasm)/",
      { fromNot: "^src/backend/" },
    ),
    forbid("viz-not-nn", "Figures read the graph (tags, GradNode.parts), not the modules that made it.", "^src/viz/", "^src/(nn|models)/"),
    forbid("nn-below-models", "nn holds modules; models (src/models) sit above nn, data and generate.", "^src/nn/", "^src/(data|generate|models)/"),
    forbid(
      "record-only-in-ops",
      "Every differentiable primitive or hand-fused composite, forward and backward, lives in src/ops (fused ones in src/ops/fused); modules and functional call ops and never record.",
      "^src/",
      "^src/autograd/(record|index)\\.ts$",
      { fromNot: "^src/(ops|autograd)/|^src/index\\.ts$" },
    ),
    forbid("extension-public-payloads", "The JupyterLab extension reads the payloads' public entry point only.", "^extension/src/", "^src/", {
      toNot: "^src/viz/payloads/index\\.ts$",
    }),
    {
      name: "no-circular",
      severity: "error",
      comment:
        "No run-time import cycles, except the documented ones: through Tensor (src/tensor/tensor.ts), whose methods call ops, functional and autograd, which build Tensors; and among ops whose backwards are each other (gather and scatter, cat and narrow, expand and sum). Type-only imports make no cycle.",
      from: { pathNot: "^src/ops/" },
      to: { circular: true, viaOnly: { pathNot: "^src/tensor/tensor\\.ts$", dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|generated)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".mts", ".js", ".mjs", ".d.ts"] },
  },
};
