import { checkKnownOptions } from "../known-options";
import { withScope } from "../autograd/scope";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { RemovableHandle, addHook } from "./hooks";
import type { Module } from "./module";
import { CELLS } from "./recurrent/cells";

/** What `traceSteps` tags: role -> tensor (h, c, gate_i, gate_f, gate_g, gate_o, gate_r, gate_z, gate_n). */
export type StepRoles = Readonly<Record<string, Tensor | null | undefined>>;

/** Options of `traceSteps`. */
export interface TraceStepsOptions {
  /** The module name the figures show (default: the module's path, e.g. `mycell`). */
  name?: string;
  /** Picks the tensors to tag from each call (default: the output if a tensor, `[h, c]`, or `{ h, c }`). */
  pick?: (output: unknown, args: unknown[]) => StepRoles;
  /** Whose gates the picked gate roles are, for their labels: "lstm" (default), "gru" or "mgu". */
  cell?: "lstm" | "gru" | "mgu";
}

/** The handle of `traceSteps`: `remove()` stops tagging; `reset()` starts again at step 0. */
export class StepTrace extends RemovableHandle {
  constructor(undo: () => void, private readonly counter: { step: number }) {
    super(undo);
  }

  /** The step the next call will get. */
  get step(): number {
    return this.counter.step;
  }

  /** The next call is step 0 again (a new sequence). */
  reset(): void {
    this.counter.step = 0;
  }
}

/**
 * Makes a user-written recurrent module visible to the figures, through a forward hook: each call
 * of `module.forward` is one time step t = 0, 1, ..., and the graph nodes of the tensors it
 * returns get the tags the library's own layers put on theirs ({ module, step: t, role }). Then
 * `viz.hiddenStates`, `viz.measureGradientFlow`, `viz.unrolled` find the h_t of the module and
 * `viz.gates` its gate activations. Tensors without a graph node (made under `noGrad`) carry no
 * tags; record the graph for figures.
 *
 * @example const trace = nn.traceSteps(cell, { pick: (out) => ({ h: out.h, c: out.c, gate_f: out.f }) });
 */
export function traceSteps(module: Module, options: TraceStepsOptions = {}): StepTrace {
  checkKnownOptions("traceSteps", options, ["name", "pick", "cell"]);
  const spec = CELLS[options.cell ?? "lstm"];
  if (spec === undefined) throw new ValueError(`traceSteps: cell must be "lstm", "gru" or "mgu"; got ${String(options.cell)}`);
  const gates = new Map(spec.gates.map((g) => [g.role, g.gate]));
  const pick = options.pick ?? defaultPick;
  const counter = { step: 0 };
  // every node made inside one call carries { module, step }; the library's cells tag their gates too
  const around = addHook(module, "around", (call: () => unknown) => withScope({ module: options.name ?? module.path, step: counter.step }, call));
  const after = module.registerForwardHook((m, args, output) => {
    const tags = { module: options.name ?? m.path, step: counter.step };
    for (const [role, t] of Object.entries(pick(output, args))) {
      if (!(t instanceof Tensor) || t.gradFn === null) continue;
      const gate = gates.get(role);
      t.gradFn.retag(gate === undefined ? { ...tags, role } : { ...tags, role, gate });
    }
    counter.step++;
  });
  return new StepTrace(() => {
    after.remove();
    around.remove();
  }, counter);
}

function defaultPick(output: unknown): StepRoles {
  if (output instanceof Tensor) return { h: output };
  if (Array.isArray(output)) return { h: output[0] as Tensor | undefined, c: output[1] as Tensor | undefined };
  if (output !== null && typeof output === "object") {
    const o = output as Record<string, unknown>;
    return { h: o.h instanceof Tensor ? o.h : undefined, c: o.c instanceof Tensor ? o.c : undefined };
  }
  throw new ValueError(`traceSteps: cannot find h in the output; expected a Tensor, [h, c] or { h, c }, got ${typeof output} (pass a pick function)`);
}
