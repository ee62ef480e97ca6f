/**
 * Recursive neural network over binary trees (the recursive networks of Lecture 9, after Goodfellow
 * et al.): the same weights
 * compose two children into their parent, from the leaves up to the root,
 *
 *   leaf:  h_n = E w_n
 *   node:  h_n = tanh(W [h_left; h_right] + b)
 *   class scores at the root (or any node): y_n = W_y h_n + b_y
 *
 * Where E is `embedding.weight` [V, H], W `compose.weight` [H, 2H] with b `compose.bias` [H], and
 * W_y `classifier.weight` [C, H]. Gradients flow through the tree structure (backpropagation
 * through structure), the recursive analogue of BPTT.
 */
import { ValueError } from "../errors";
import { cat } from "../ops/cat";
import { stack } from "../ops/cat";
import { tanh } from "../ops/tanh";
import type { DType } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { Embedding } from "../nn/embedding";
import { Linear } from "../nn/linear";
import { Module } from "../nn/module";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "../nn/options";
import { moduleAllocationError } from "../nn/allocation-error";

/** A binary tree: a leaf holds a token id, an inner node two subtrees. */
export type Tree = { token: number } | { left: Tree; right: Tree };

/** Options of `TreeRNN`. */
export interface TreeRNNOptions {
  vocabSize: number;
  hiddenSize: number;
  /** Classes C of the classifier head (default: no head). */
  numClasses?: number;
  dtype?: DType;
}

/**
 * Parses a bracketed binary tree, "((the cat) (sat down))", with `lookup` giving leaf ids.
 *
 * @example parseTree("((a b) c)", (w) => vocab.id(w))
 */
export function parseTree(text: string, lookup: (token: string) => number): Tree {
  const tokens = text.match(/[()]|[^\s()]+/g) ?? [];
  let at = 0;
  const read = (): Tree => {
    const t = tokens[at++];
    if (t === undefined) throw new ValueError(`parseTree: unexpected end; expected a token or "(", got the end of ${JSON.stringify(text)}`);
    if (t === ")") throw new ValueError(`parseTree: unexpected ")" at token ${at - 1}; expected a token or "(" in ${JSON.stringify(text)}`);
    if (t !== "(") return { token: lookup(t) };
    const left = read();
    const right = read();
    if (tokens[at++] !== ")") throw new ValueError(`parseTree: a node needs exactly two children; expected ")" at token ${at - 1} of ${JSON.stringify(text)}`);
    return { left, right };
  };
  const tree = read();
  if (at !== tokens.length) throw new ValueError(`parseTree: trailing input; expected the end after token ${at - 1}, got ${JSON.stringify(tokens.slice(at).join(" "))}`);
  return tree;
}

/** Embedding, composition layer and optional classifier; see the file comment. */
export class TreeRNN extends Module {
  readonly embedding: Embedding;
  readonly compose: Linear;
  readonly classifier: Linear | null;
  readonly vocabSize: number;

  constructor(options: TreeRNNOptions) {
    super();
    checkKnownOptions("TreeRNN", options, ["vocabSize", "hiddenSize", "numClasses", "dtype"]);
    this.vocabSize = positiveInt("TreeRNN", "vocabSize", options.vocabSize);
    const h = positiveInt("TreeRNN", "hiddenSize", options.hiddenSize);
    const dtype = floatDTypeOption("TreeRNN", options.dtype);
    try {
      this.embedding = new Embedding(this.vocabSize, h, { dtype });
      this.compose = new Linear(2 * h, h, { dtype });
      this.classifier = options.numClasses === undefined ? null : new Linear(h, positiveInt("TreeRNN", "numClasses", options.numClasses), { dtype });
    } catch (error) {
      throw moduleAllocationError("TreeRNN", [options], error);
    }
  }

  /** h of every node in post-order (children before parents; the root last), each [H]. */
  encode(tree: Tree): Tensor[] {
    const nodes: Tensor[] = [];
    const visit = (t: Tree): Tensor => {
      let h: Tensor;
      if ("token" in t) {
        if (!Number.isInteger(t.token) || t.token < 0 || t.token >= this.vocabSize) {
          throw new ValueError(`TreeRNN.forward: leaf token must be an id in [0, ${this.vocabSize - 1}]; got ${t.token}`);
        }
        h = this.embedding.forward(new Tensor(Int32Array.of(t.token), [1])).reshape([-1]);
      } else {
        h = tanh(this.compose.forward(cat([visit(t.left), visit(t.right)], 0)));
      }
      nodes.push(h);
      return h;
    };
    visit(tree);
    return nodes;
  }

  /** Root vectors [N, H] of N trees, and class scores [N, C] when the model has a classifier. */
  forward(trees: readonly Tree[]): { roots: Tensor; logits: Tensor | null } {
    if (trees.length === 0) throw new ValueError("TreeRNN.forward: trees must not be empty; expected at least 1 tree, got 0");
    const roots = stack(trees.map((t) => this.encode(t).at(-1) as Tensor), 0);
    return { roots, logits: this.classifier === null ? null : this.classifier.forward(roots) };
  }
}
