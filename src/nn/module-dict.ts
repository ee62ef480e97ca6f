import { ValueError } from "../errors";
import { Module } from "./module";

/**
 * Submodules by name (PyTorch's `nn.ModuleDict`), registered in insertion order, so their
 * parameters are found, saved and trained under `name.param`.
 *
 * @example const heads = new nn.ModuleDict({ tag: new nn.Linear(64, 17), chunk: new nn.Linear(64, 9) });
 */
export class ModuleDict<M extends Module = Module> extends Module {
  private readonly _items = new Map<string, M>();

  constructor(modules: Readonly<Record<string, M>> = {}) {
    super();
    for (const [name, m] of Object.entries(modules)) this.set(name, m);
  }

  /** Number of modules. */
  get size(): number {
    return this._items.size;
  }

  /** The module `name`; raises for an unknown name (listing the known ones). */
  get(name: string): M {
    const m = this._items.get(name);
    if (m === undefined) throw new ValueError(`ModuleDict.get: no module named "${name}"; expected one of ${[...this._items.keys()].join(", ") || "(none)"}`);
    return m;
  }

  /** Adds or replaces the module `name`; returns this. */
  set(name: string, m: M): this {
    if (!(m instanceof Module)) throw new ValueError(`ModuleDict.set: ${name} must be a Module; got ${typeof m}`);
    this.registerModule(name, m);
    this._items.set(name, m);
    return this;
  }

  has(name: string): boolean {
    return this._items.has(name);
  }

  /** Removes the module `name`; returns whether it was there. */
  delete(name: string): boolean {
    if (!this._items.delete(name)) return false;
    this._modules.delete(name);
    return true;
  }

  keys(): string[] {
    return [...this._items.keys()];
  }

  values(): M[] {
    return [...this._items.values()];
  }

  entries(): Array<[string, M]> {
    return [...this._items.entries()];
  }
}
