/**
 * Typed errors. Every message has one form:
 * `<op or Module.method>: <rule>; expected <x>, got <y>`, with every shape printed.
 */

/** Base class of every error seqgrad throws on purpose. */
export class SeqgradError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the rule of an op or module. */
export class ShapeError extends SeqgradError {}

/** A dtype an op cannot take, or two dtypes that do not mix. */
export class DTypeError extends SeqgradError {}

/** A value outside what an argument allows (negative size, unknown option, ...). */
export class ValueError extends SeqgradError {}

/** An index outside the range of a dimension or a vocabulary. */
export class IndexError extends SeqgradError {}

/** Misuse of autograd: backward twice through a freed graph, non-scalar backward, ... */
export class AutogradError extends SeqgradError {}

/** Raised in anomaly mode by the first op that produces NaN or Inf. */
export class AnomalyError extends SeqgradError {}

/** Thrown when a long-running loop (training) is stopped by an abort signal. */
export class AbortError extends SeqgradError {}

/** A file that cannot be read or written: missing, a folder, no permission. */
export class IOError extends SeqgradError {}

/**
 * A tensor too large for this engine to allocate: `elements` of `dtype` need `bytes`. A module
 * constructor rethrows it naming itself and its arguments (`LSTM({ hiddenSize: 1000000 })`).
 */
export class OutOfMemoryError extends ValueError {
  constructor(
    message: string,
    readonly elements: number,
    readonly dtype: string,
    readonly bytes: number,
  ) {
    super(message);
  }
}
