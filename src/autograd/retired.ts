import { AutogradError } from "../errors";
import { TypedArray, releaseStorage, storageCrowded, storageKey, tensorsOver } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

/**
 * Retired tensors: storage that nothing in the library reads again, but that user code may still
 * hold, given back to the storage provider when it runs short (see backend/wasm/storage.ts for
 * the ownership rules). A training loop that never yields to the event loop never lets the
 * garbage collector's callbacks return dropped tensors' storage; this is how such a loop stays
 * within its storage.
 *
 * Candidates are every tensor an op recorded in a graph (`noteRecorded`: a step's embeddings, gate
 * buffers, hidden states, logits, and the final states nobody asked for) and the gradients
 * `zeroGrad` dropped (`retire`). What came since the last backward pass forms one batch when the
 * outermost backward pass ends; then, while the provider is crowded, the batches before the
 * newest are given back, oldest first. A tensor of a batch is given back when:
 * - it is dead: its node was released by a backward pass, or reads (through recorded nodes) a
 *   tensor whose node was; or it has no node (a dropped gradient, an internal zero state). A
 *   graph not walked yet, or walked with `retainGraph`, is alive and stays (carried into the next
 *   batch once, then left to the collector);
 * - its array is the provider's (small arrays stay on the JavaScript heap, the collector's);
 * - every Tensor object ever made over a view of its block is a dead tensor of the batch (a
 *   `detach()`, a view made without recording, a parameter, or a tensor of another step on the
 *   same block keeps it: the collector's, as before).
 * Each such tensor's `data` then becomes a stand-in that throws on any use, with its shape, the op
 * that made it and what to do instead. So a step's activations and gradients stay readable after
 * its backward() and for as long as the storage has room (at least until the next backward pass
 * ends). To keep one longer, take `x.detach()` (another Tensor object over the block keeps it) or
 * compute under noGrad; an op recorded on a dead tensor makes a dead tensor. A plain typed array
 * taken from `.data` and kept past that is the one thing this cannot protect: keep a detached
 * tensor, or `Array.from` it, instead.
 */
const batches: Array<Array<WeakRef<Tensor>>> = [];
/** Batches kept at most (older ones are left to the collector). */
const MAX_BATCHES = 1024;
/** Candidates recorded since the last backward pass kept at most. */
const MAX_PENDING = 1 << 16;
let current: Array<WeakRef<Tensor>> = [];
/** Tensors found alive once: left to the collector if still alive at their second look. */
const carried = new WeakSet<Tensor>();
let depth = 0;
/** The stand-ins of given-back tensors (never looked into: any use of one throws). */
const standIns = new WeakSet<TypedArray>();

/** True when `data` is from the provider and not yet given back. */
function resident(data: TypedArray): boolean {
  return !standIns.has(data) && tensorsOver(data) >= 0;
}

/** A tensor an op just recorded (its node is set): a candidate once a backward pass ends. */
export function noteRecorded(t: Tensor): void {
  if (!resident(t.data)) return;
  current.push(new WeakRef(t));
  // recording with no backward pass (inference with grad on): the oldest candidates are the collector's
  if (current.length > MAX_PENDING) current = current.slice(current.length / 2);
}

/** True when the collector took every tensor of `batch`. */
function collected(batch: ReadonlyArray<WeakRef<Tensor>>): boolean {
  for (const ref of batch) if (ref.deref() !== undefined) return false;
  return true;
}

/** Retires `t`, which nothing in the library reads again (a dropped gradient, an internal zero state); small JavaScript arrays are ignored. */
export function retire(t: Tensor | null): void {
  if (t !== null && resident(t.data)) current.push(new WeakRef(t));
}

/** Runs a backward pass; when the outermost one ends, what came since the last forms a batch and crowded storage gets older batches back. */
export function retiringPass<T>(body: () => T): T {
  depth++;
  try {
    return body();
  } finally {
    depth--;
    if (depth === 0) {
      if (current.length > 0) batches.push(current);
      current = [];
      while (batches.length > 1 && storageCrowded()) giveBack(batches.shift() as Array<WeakRef<Tensor>>);
      // batches the collector already emptied (a loop that yields) are dropped; the list stays short
      while (batches.length > 1 && (batches.length > MAX_BATCHES || collected(batches[0] as Array<WeakRef<Tensor>>))) batches.shift();
    }
  }
}

/** Gives back the blocks of a batch's dead tensors when no other Tensor object was made over them, and marks those tensors. */
function giveBack(batch: ReadonlyArray<WeakRef<Tensor>>): void {
  const byBlock = new Map<object, Set<Tensor>>();
  const deadness = new Map<Tensor, boolean>();
  const survivors: Array<WeakRef<Tensor>> = [];
  for (const ref of batch) {
    const t = ref.deref();
    if (t === undefined || !resident(t.data)) continue;
    if (!dead(t, deadness)) {
      if (!carried.has(t)) {
        carried.add(t);
        survivors.push(ref);
      }
      continue;
    }
    const key = storageKey(t.data);
    let set = byBlock.get(key);
    if (set === undefined) byBlock.set(key, (set = new Set()));
    set.add(t);
  }
  for (const tensors of byBlock.values()) {
    const first = tensors.values().next().value as Tensor;
    if (tensorsOver(first.data) !== tensors.size) continue;
    releaseStorage(first.data);
    for (const t of tensors) t.data = givenBack(t, t.data);
  }
  if (survivors.length > 0) (batches[batches.length - 1] ?? current).push(...survivors);
}

/**
 * True when no backward pass can read `t` again: it has no node, or its node was released, or
 * it reads, through recorded nodes, a tensor whose node was released (a backward pass through it
 * would fail). `memo` keeps the answers of one give-back.
 */
function dead(t: Tensor, memo: Map<Tensor, boolean>): boolean {
  // depth-first without recursion (an unrolled graph is as deep as its sequence is long)
  const stack = [t];
  while (stack.length > 0) {
    const x = stack[stack.length - 1] as Tensor;
    if (memo.has(x)) {
      stack.pop();
      continue;
    }
    const node = x.gradFn;
    if (node === null || !node.alive) {
      memo.set(x, true);
      stack.pop();
      continue;
    }
    let answer: boolean | undefined = false;
    for (const y of node.inputs) {
      if (y.gradFn === null) continue;
      const known = memo.get(y);
      if (known === true) {
        answer = true;
        break;
      }
      if (known === undefined) answer = undefined;
    }
    if (answer !== undefined) {
      memo.set(x, answer);
      stack.pop();
    } else for (const y of node.inputs) if (y.gradFn !== null && !memo.has(y)) stack.push(y);
  }
  return memo.get(t) === true;
}

/** The stand-in `data` of a tensor whose storage was given back: any use throws a clear error. */
function givenBack(t: Tensor, data: TypedArray): TypedArray {
  const made = t.gradFn === null ? "a gradient dropped by zeroGrad" : `${t.gradFn.op}${t.gradFn.tags?.module === undefined ? "" : ` in ${t.gradFn.tags.module}`}`;
  const message =
    `Tensor ${formatShape(t.shape)} ${t.dtype} (${made}): its storage was given back after backward() released its graph ` +
    `(a training loop that never yields keeps its storage bounded this way); to keep values past the next backward(), ` +
    `take x.detach() before it (it shares and keeps the storage), compute them under noGrad, or call backward({ retainGraph: true })`;
  const empty = data instanceof Float64Array ? new Float64Array(0) : data instanceof Int32Array ? new Int32Array(0) : new Float32Array(0);
  const standIn = new Proxy(empty, {
    get(): never {
      throw new AutogradError(message);
    },
    set(): never {
      throw new AutogradError(message);
    },
    has(): never {
      throw new AutogradError(message);
    },
  });
  standIns.add(standIn);
  return standIn;
}

/** True when `t`'s storage was given back (its `data` is a stand-in that throws). */
export function isGivenBack(t: Tensor): boolean {
  return standIns.has(t.data);
}
