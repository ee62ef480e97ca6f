import type { MimeBundle } from "../tensor/display-hook";
import type { DType } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";
import { moduleBundle, moduleRepr } from "./module-repr";
import { Parameter } from "./parameter";
import { LoadStateDictOptions, LoadStateDictResult, StateDict, loadStateDictInto } from "./state-dict";

/**
 * Base class of every layer and model, as PyTorch's `nn.Module`.
 *
 * A module owns parameters and submodules. Both are found by name: those registered with
 * `registerParameter` / `registerModule` (the layers of this library name theirs exactly as
 * PyTorch does, e.g. `weight_ih_l0`), then every own field holding a `Parameter`, a `Module` or an
 * array of modules, in the order the fields were assigned. So a model reads like PyTorch:
 *
 * @example
 * class CharLM extends nn.Module {
 *   emb = new nn.Embedding(65, 64);
 *   rnn = new nn.LSTM({ inputSize: 64, hiddenSize: 256, batchFirst: true });
 *   head = new nn.Linear(256, 65);
 * }
 * new CharLM().namedParameters().map(([name]) => name); // ["emb.weight", "rnn.weight_ih_l0", ...]
 */
export class Module {
  /** True in training mode (dropout active); see `train()` and `eval()`. */
  training = true;
  /** Parameters registered by name, in registration order (null: declared but absent, e.g. no bias). */
  protected readonly _parameters = new Map<string, Parameter | null>();
  /** Submodules registered by name, in registration order. */
  protected readonly _modules = new Map<string, Module | null>();
  /** Dotted path of this module in the largest tree it was walked from (graph scopes use it). */
  private _path: string | null = null;

  /** Registers (or replaces) the parameter `name`; returns it. */
  protected registerParameter<P extends Parameter | null>(name: string, p: P): P {
    if (p !== null && p.name === undefined) p.name = name;
    this._parameters.set(name, p);
    return p;
  }

  /** Registers (or replaces) the submodule `name`; returns it. */
  protected registerModule<M extends Module | null>(name: string, m: M): M {
    this._modules.set(name, m);
    return m;
  }

  /** The class name shown in printed summaries. */
  get typeName(): string {
    return this.constructor.name;
  }

  /** Dotted module path used in graph scopes (`encoder.rnn`), or the lower-cased class name of a root. */
  get path(): string {
    return this._path ?? this.typeName.toLowerCase();
  }

  /** Own parameters (not those of submodules), by local name. */
  namedDirectParameters(): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    for (const [name, p] of this._parameters) if (p !== null) out.push([name, p]);
    for (const [key, value] of Object.entries(this)) {
      if (!key.startsWith("_") && value instanceof Parameter) out.push([key, value]);
    }
    return out;
  }

  /** Direct submodules, by local name (array fields give `name.0`, `name.1`, ...). */
  namedChildren(): Array<[string, Module]> {
    const out: Array<[string, Module]> = [];
    for (const [name, m] of this._modules) if (m !== null) out.push([name, m]);
    for (const [key, value] of Object.entries(this)) {
      if (key.startsWith("_")) continue;
      if (value instanceof Module) out.push([key, value]);
      else if (Array.isArray(value)) {
        value.forEach((item: unknown, i) => {
          if (item instanceof Module) out.push([`${key}.${i}`, item]);
        });
      }
    }
    return out;
  }

  /** This module and every descendant, each once, with dotted names ("" for this one). */
  namedModules(prefix = ""): Array<[string, Module]> {
    const out: Array<[string, Module]> = [];
    const seen = new Set<Module>();
    const visit = (m: Module, name: string): void => {
      if (seen.has(m)) return;
      seen.add(m);
      if (name !== "" && (m._path === null || name.length > m._path.length)) m._path = name;
      out.push([name, m]);
      for (const [child, sub] of m.namedChildren()) visit(sub, name === "" ? child : `${name}.${child}`);
    };
    visit(this, prefix);
    return out;
  }

  /** Every parameter with its dotted PyTorch name (`rnn.weight_ih_l0`), each tensor once. */
  namedParameters(): Array<[string, Parameter]> {
    return this.collectParameters(true);
  }

  /** Every parameter, each once, in `namedParameters()` order (what optimizers take). */
  parameters(): Parameter[] {
    return this.collectParameters(true).map(([, p]) => p);
  }

  /** The parameters by dotted name, detached views sharing memory (PyTorch's `state_dict()`). */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.collectParameters(false)) out[name] = p.detach();
    return out;
  }

  /**
   * Copies `dict` into the parameters by name. With `strict` (default), every missing and every
   * unexpected key is an error; a wrong shape always is. All problems are listed in one error and
   * nothing is loaded. Returns the missing and unexpected keys (non-strict mode).
   */
  loadStateDict(dict: StateDict | ReadonlyMap<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDictInto(this, this.collectParameters(false), dict, options);
  }

  /** Sets training mode on this module and every submodule; returns this. */
  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  /** Sets evaluation mode (dropout off); returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter (sets `.grad` to null, as PyTorch does by default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Number of scalar parameters (only those that require grad with `trainableOnly`). */
  numParameters(trainableOnly = false): number {
    let n = 0;
    for (const p of this.parameters()) if (!trainableOnly || p.requiresGrad) n += p.numel;
    return n;
  }

  /**
   * Converts every parameter to `dtype` (e.g. "float64" for gradcheck), as PyTorch's `.double()`.
   * Parameters are replaced by new ones: create optimizers after calling it. Returns this.
   */
  to(dtype: DType): this {
    for (const [, m] of this.namedModules()) m.convertOwnParameters(dtype);
    return this;
  }

  /** Constructor arguments shown inside the parentheses of the printed summary. */
  extraRepr(): string {
    return "";
  }

  /** PyTorch-like summary: the class, its settings and the indented tree of submodules. */
  toString(): string {
    return moduleRepr(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return moduleRepr(this);
  }

  /** The MIME bundle notebooks display: the summary as text and as preformatted HTML. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return moduleBundle(this);
  }

  private collectParameters(dedup: boolean): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    const seen = new Set<Parameter>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [local, p] of m.namedDirectParameters()) {
        if (dedup && seen.has(p)) continue;
        seen.add(p);
        const name = prefix === "" ? local : `${prefix}.${local}`;
        if (p.name === undefined || name.length > p.name.length) p.name = name;
        out.push([name, p]);
      }
    }
    return out;
  }

  private convertOwnParameters(dtype: DType): void {
    for (const [name, p] of this._parameters) {
      if (p !== null && p.dtype !== dtype) this._parameters.set(name, Parameter.from(p, dtype, p.requiresGrad));
    }
    for (const [key, value] of Object.entries(this)) {
      if (!key.startsWith("_") && value instanceof Parameter && value.dtype !== dtype) {
        Reflect.set(this, key, Parameter.from(value, dtype, value.requiresGrad));
      }
    }
  }
}
