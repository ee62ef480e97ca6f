import type { MimeBundle } from "../tensor/display-hook";
import { retire } from "../autograd/retired";
import { checkKnownOptions } from "../known-options";
import type { DType } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { ForwardHook, ForwardPreHook, RemovableHandle, addHook } from "./hooks";
import { checkRegistration, convertTensor } from "./module-registry";
import { everyPath } from "./module-paths";
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
 *
 * Assigning a `Parameter` to a field registers it, so `this.head.weight = this.emb.weight` ties two
 * layers (the shared parameter is yielded once by `parameters()`, under both names by `stateDict()`).
 */
export class Module {
  /** True in training mode (dropout active); see `train()` and `eval()`. */
  training = true;
  /** Parameters registered by name, in registration order (null: declared but absent, e.g. no bias). */
  protected readonly _parameters = new Map<string, Parameter | null>();
  /** Submodules registered by name, in registration order. */
  protected readonly _modules = new Map<string, Module | null>();
  /** Buffers (state that is not trained, e.g. running statistics or a mask), by name. */
  protected readonly _buffers = new Map<string, Tensor | null>();
  /** Names of buffers left out of `stateDict()`. */
  private readonly _transientBuffers = new Set<string>();
  /** Dotted path of this module in the largest tree it was walked from (graph scopes use it). */
  private _path: string | null = null;

  /**
   * Registers (or replaces) the parameter `name` (PyTorch's `register_parameter`); returns it.
   * Registering another module's parameter shares it: both modules train the same tensor.
   */
  registerParameter<P extends Parameter | null>(name: string, p: P): P {
    checkRegistration(this, "registerParameter", name, p, Parameter);
    if (p !== null && p.name === undefined) p.name = name;
    this._parameters.set(name, p);
    return p;
  }

  /** Registers (or replaces) the submodule `name` (PyTorch's `register_module`); returns it. */
  registerModule<M extends Module | null>(name: string, m: M): M {
    checkRegistration(this, "registerModule", name, m, Module);
    this._modules.set(name, m);
    return m;
  }

  /**
   * Registers a buffer: a tensor the module keeps and saves but does not train (PyTorch's
   * `register_buffer`), e.g. a causal mask. `persistent: false` leaves it out of `stateDict()`.
   *
   * @example this.registerBuffer("mask", triu(ones([T, T]), 1), false);
   */
  registerBuffer<T extends Tensor | null>(name: string, tensor: T, persistent = true): T {
    checkRegistration(this, "registerBuffer", name, tensor, Tensor);
    this._buffers.set(name, tensor);
    if (persistent) this._transientBuffers.delete(name);
    else this._transientBuffers.add(name);
    return tensor;
  }

  /** The buffer `name`, or undefined. */
  getBuffer(name: string): Tensor | null | undefined {
    return this._buffers.get(name);
  }

  /** Every buffer of this module and its descendants with its dotted name. */
  namedBuffers(): Array<[string, Tensor]> {
    return this.collectBuffers(false);
  }

  /** Every buffer of this module and its descendants. */
  buffers(): Tensor[] {
    return this.collectBuffers(false).map(([, b]) => b);
  }

  /**
   * Sets `requiresGrad` on every parameter (PyTorch's `requires_grad_`): `enc.requiresGrad_(false)`
   * freezes a sub-module (its parameters get no gradient; optimizers skip them). Returns this.
   */
  requiresGrad_(on = true): this {
    for (const p of this.parameters()) p.requiresGrad = on;
    return this;
  }

  /**
   * Registers `hook(module, args)` to run before every `forward` call; it may return replacement
   * arguments. Returns a handle whose `remove()` unregisters it.
   */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    return addHook(this, "pre", hook);
  }

  /**
   * Registers `hook(module, args, output)` to run after every `forward` call; it may return a
   * replacement output. Returns a handle whose `remove()` unregisters it.
   *
   * @example const h = model.rnn.registerForwardHook((m, args, out) => void states.push(out)); ...; h.remove();
   */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    return addHook(this, "post", hook);
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

  /** Parameters and persistent buffers by dotted name, detached views sharing memory (PyTorch's `state_dict()`). */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.collectParameters(false)) out[name] = p.detach();
    for (const [name, b] of this.collectBuffers(true)) out[name] = b.detach();
    return out;
  }

  /**
   * Copies `dict` into the parameters by name. With `strict` (default), every missing and every
   * unexpected key is an error; a wrong shape always is. All problems are listed in one error and
   * nothing is loaded. Returns the missing and unexpected keys (non-strict mode).
   */
  loadStateDict(dict: StateDict | ReadonlyMap<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    checkKnownOptions(`${this.constructor.name}.loadStateDict`, options, ["strict"]);
    return loadStateDictInto(this, [...this.collectParameters(false), ...this.collectBuffers(true)], dict, options);
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
    for (const p of this.parameters()) {
      retire(p.grad); // its storage goes back when the storage runs short (autograd/retired.ts)
      p.grad = null;
    }
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
    // one map for the whole tree, so a parameter shared by two modules stays shared
    const converted = new Map<Tensor, Tensor>();
    for (const [, m] of this.namedModules()) m.convertOwnTensors(dtype, converted);
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

  /**
   * Parameters with their dotted names. `dedup`: each tensor once, under its first name (what
   * optimizers take); otherwise every name of every path (what state dicts hold, as PyTorch's).
   */
  private collectParameters(dedup: boolean): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    const seen = new Set<Parameter>();
    for (const [prefix, m] of dedup ? this.namedModules() : everyPath(this)) {
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

  /** Buffers with their dotted names; `persistentOnly` (state dicts): the persistent ones along every path. */
  private collectBuffers(persistentOnly: boolean): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const [prefix, m] of persistentOnly ? everyPath(this) : this.namedModules()) {
      for (const [local, b] of m._buffers) {
        if (b === null || (persistentOnly && m._transientBuffers.has(local))) continue;
        out.push([prefix === "" ? local : `${prefix}.${local}`, b]);
      }
    }
    return out;
  }

  private convertOwnTensors(dtype: DType, converted: Map<Tensor, Tensor>): void {
    for (const [name, p] of this._parameters) {
      if (p !== null) this._parameters.set(name, convertTensor(p, dtype, converted) as Parameter);
    }
    for (const [name, b] of this._buffers) {
      if (b !== null) this._buffers.set(name, convertTensor(b, dtype, converted));
    }
    for (const [key, value] of Object.entries(this)) {
      if (!key.startsWith("_") && value instanceof Parameter) Reflect.set(this, key, convertTensor(value, dtype, converted));
    }
  }
}
