import { IndexError, ValueError } from "../errors";
import { Module } from "./module";

/**
 * A list of submodules registered under "0", "1", ... (PyTorch's `nn.ModuleList`), so their
 * parameters are found, saved and trained; unlike `Sequential` it has no forward: loop over it.
 *
 * @example this.layers = new nn.ModuleList(Array.from({ length: 4 }, () => new nn.TransformerEncoderLayer({ dModel: 64, nhead: 4 })));
 */
export class ModuleList<M extends Module = Module> extends Module {
  private readonly _items: M[] = [];

  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  /** Number of modules. */
  get length(): number {
    return this._items.length;
  }

  /** The i-th module (negative counts from the end). */
  at(i: number): M {
    const m = this._items.at(i);
    if (m === undefined) throw new IndexError(`ModuleList.at: index out of range; expected ${-this.length} <= i < ${this.length}, got ${i}`);
    return m;
  }

  /** Adds `m` at the end; returns this. */
  append(m: M): this {
    if (!(m instanceof Module)) throw new ValueError(`ModuleList.append: expected a Module; got ${typeof m}`);
    this._items.push(m);
    this.registerModule(String(this._items.length - 1), m);
    return this;
  }

  /** Adds every module of `modules` at the end; returns this. */
  extend(modules: Iterable<M>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** Puts `m` before index `i`; later modules move one place (and get new names). */
  insert(i: number, m: M): this {
    if (!(m instanceof Module)) throw new ValueError(`ModuleList.insert: expected a Module; got ${typeof m}`);
    const at = i < 0 ? Math.max(0, this.length + i) : Math.min(i, this.length);
    this._items.splice(at, 0, m);
    this._items.forEach((item, k) => this.registerModule(String(k), item));
    return this;
  }

  [Symbol.iterator](): Iterator<M> {
    return this._items[Symbol.iterator]();
  }
}
