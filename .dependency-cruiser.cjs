/**
 * Import rules of seqgrad, checked by `npm run lint:imports` (part of `npm test`) with
 * dependency-cruiser. Each rule says which layer may not reach which, and why; CONTRIBUTING.md
 * lists them. The allowed cycles: Tensor's methods (`x.add(y)`, `x.matmul(w)`, `x.backward()`)
 * call the ops, functional and autograd, which build Tensors, so src/tensor/tensor.ts and those
 * import each other (as PyTorch's and tinygrad's Tensor do); and ops whose backwards are each
 * other (the backward of gather is a scatter and that of scatter a gather). Every other run-time
 * cycle is an error.
 */
module.exports = {
  forbidden: [
    {
      name: "ops-through-backend",
      severity: "error",
      comment:
        "Compute kernels are reached through getBackend() (src/backend/backend.ts): a loop is either a Backend method, which the wasm backend may implement, or it lives outside src/backend (src/ops/loops). Only src/backend imports its js and wasm implementations.",
      from: { path: "^src/", pathNot: "^src/backend/" },
      to: { path: "^src/backend/(js|wasm)/" },
    },
    {
      name: "viz-not-nn",
      severity: "error",
      comment: "Figures read the graph (tags, GradNode.parts), not the modules that made it.",
      from: { path: "^src/viz/" },
      to: { path: "^src/(nn|models)/" },
    },
    {
      name: "nn-below-models",
      severity: "error",
      comment: "nn holds modules; models (src/models) sit above nn, data and generate.",
      from: { path: "^src/nn/" },
      to: { path: "^src/(data|generate|models)/" },
    },
    {
      name: "record-only-in-ops",
      severity: "error",
      comment:
        "Every differentiable primitive or hand-fused composite, forward and backward, lives in src/ops (fused ones in src/ops/fused); modules and functional call ops and never record.",
      from: { path: "^src/", pathNot: "^src/(ops|autograd)/|^src/index\\.ts$" },
      to: { path: "^src/autograd/(record|index)\\.ts$" },
    },
    {
      name: "extension-public-payloads",
      severity: "error",
      comment: "The JupyterLab extension reads the payloads' public entry point only.",
      from: { path: "^extension/src/" },
      to: { path: "^src/", pathNot: "^src/viz/payloads/index\\.ts$" },
    },
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
