import { ValueError } from "../errors";
import type { Module } from "./module";

/**
 * Runs before `forward` with its arguments; may return replacement arguments (an array).
 * PyTorch's forward pre-hook `hook(module, args)`.
 */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown[] | void;

/**
 * Runs after `forward` with its arguments and output; may return a replacement output.
 * PyTorch's forward hook `hook(module, args, output)`.
 */
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;

/** Undoes one registration (PyTorch's `RemovableHandle`); removing twice does nothing. */
export class RemovableHandle {
  private removed = false;

  constructor(private readonly undo: () => void) {}

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.undo();
  }
}

/** Runs the forward call inside something (a scope): `call()` runs the module's forward. */
export type AroundHook = (call: () => unknown) => unknown;

interface Hooks {
  pre: ForwardPreHook[];
  post: ForwardHook[];
  around: AroundHook[];
  /** The instance's own `forward` before the wrapper (a `forward = (x) => ...` field), restored at the last removal. */
  own: PropertyDescriptor | undefined;
}

const HOOKS = new WeakMap<Module, Hooks>();

/**
 * Adds a hook to `module`. The first one puts a wrapper on the instance's `forward` (callers keep
 * calling `module.forward(...)`, so layers inside models run their hooks too); the last removal
 * takes it away again, leaving the module as it was.
 */
export function addHook(module: Module, kind: "pre" | "post" | "around", hook: ForwardPreHook | ForwardHook | AroundHook): RemovableHandle {
  if (typeof hook !== "function") {
    throw new ValueError(`${module.typeName}.register${kind === "pre" ? "ForwardPreHook" : "ForwardHook"}: hook must be a function; got ${typeof hook}`);
  }
  let hooks = HOOKS.get(module);
  if (hooks === undefined) {
    hooks = { pre: [], post: [], around: [], own: Object.getOwnPropertyDescriptor(module, "forward") };
    HOOKS.set(module, hooks);
    wrapForward(module, hooks);
  }
  const list: Array<ForwardPreHook | ForwardHook | AroundHook> = hooks[kind];
  list.push(hook);
  const own = hooks;
  return new RemovableHandle(() => {
    const at = list.indexOf(hook);
    if (at >= 0) list.splice(at, 1);
    if (own.pre.length === 0 && own.post.length === 0 && own.around.length === 0) {
      HOOKS.delete(module);
      if (own.own === undefined) Reflect.deleteProperty(module, "forward");
      else Object.defineProperty(module, "forward", own.own);
    }
  });
}

function wrapForward(module: Module, hooks: Hooks): void {
  const original: unknown = Reflect.get(module, "forward");
  if (typeof original !== "function") {
    throw new ValueError(`${module.typeName}: hooks need a forward method; got ${typeof original}`);
  }
  const forward = original as (...args: unknown[]) => unknown;
  Object.defineProperty(module, "forward", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: (...given: unknown[]): unknown => {
      let args = given;
      for (const hook of [...hooks.pre]) {
        const replaced = hook(module, args);
        if (replaced !== undefined) {
          if (!Array.isArray(replaced)) throw new ValueError(`${module.typeName}: a forward pre-hook must return an array of arguments or nothing; got ${typeof replaced}`);
          args = replaced;
        }
      }
      let call = (): unknown => forward.apply(module, args);
      for (const wrap of [...hooks.around]) {
        const inner = call;
        call = () => wrap(inner);
      }
      let output = call();
      for (const hook of [...hooks.post]) {
        const replaced = hook(module, args, output);
        if (replaced !== undefined) output = replaced;
      }
      return output;
    },
  });
}
