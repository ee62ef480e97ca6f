/** The notebook the lite test interrupts: a training loop with live curves, a check of what survived, a busy loop. */

const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });

export const INTERRUPT_NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "seqgrad", display_name: "TypeScript (seqgrad)", language: "typescript" } },
  cells: [
    cell(
      [
        'import { nn, optim, randn, train, viz, manualSeed } from "seqgrad";',
        "manualSeed(1);",
        "const model = new nn.Linear(512, 512);",
        "const batch = { x: randn([256, 512]), y: randn([256, 512]) };",
        '"ready"',
      ].join("\n"),
    ),
    cell(
      [
        "// A long run to interrupt: a million steps, its curves drawn live.",
        "const history = await train.train({",
        "  model,",
        "  data: () => Array.from({ length: 1_000_000 }, () => batch),",
        "  optimizer: new optim.SGD(model.parameters(), { lr: 1e-3 }),",
        "  loss: (b) => model.forward(b.x).sub(b.y).pow(2).mean(),",
        "  steps: 1_000_000,",
        '  callbacks: viz.curves({ title: "a run to interrupt", total: 1_000_000 }),',
        "});",
        "history",
      ].join("\n"),
    ),
    cell('`${history.stopped} after ${history.step} steps; model still here: ${model instanceof nn.Linear}`'),
    cell(["// A loop that never checks for interrupts.", "let total = 0;", "for (let i = 0; i < 1e13; i++) total += i % 7;", "total"].join("\n")),
    cell('"after interrupt: " + (6 * 7)'),
  ],
};
