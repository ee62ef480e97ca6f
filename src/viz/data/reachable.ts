import type { Tensor } from "../../tensor/tensor";

/**
 * Every tensor the recorded graph of `root` reaches through `gradFn.inputs`, breadth-first (root
 * first, then the nearest inputs): the order the figures read the graph in, nearest the output first.
 */
export function reachable(root: Tensor): Tensor[] {
  const seen = new Set<Tensor>([root]);
  const queue: Tensor[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const input of queue[i]?.gradFn?.inputs ?? []) {
      if (seen.has(input)) continue;
      seen.add(input);
      queue.push(input);
    }
  }
  return queue;
}
