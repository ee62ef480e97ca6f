/**
 * Exercise checks for the coursework notebooks. A check prints `✓ <what>` when the answer is right
 * and throws an `AnswerError` when it is not, so that a graded cell fails the way an autograder
 * (nbgrader) expects. The message says what is wrong ("off by a factor of 10", "has 3 entries; it
 * should have 4", "entry 2 is too large") and never prints the expected value.
 */
import { SeqgradError } from "../errors";
import { describeMismatch } from "./mismatch";

/** A wrong or missing answer to an exercise. */
export class AnswerError extends SeqgradError {}

/** How close a numeric answer must be: |got - expected| <= atol + rtol * |expected|. */
export interface AnswerTolerance {
  /** Relative tolerance (default 1e-6: a value worked out to 7 significant digits passes). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
}

/**
 * Compares an answer with the expected value (numbers, strings, booleans, arrays and plain
 * objects of them, compared entry by entry).
 *
 * @example checkAnswer("dL/da", answer.dLda, a.grad.item());
 * @throws AnswerError naming what is wrong, without the expected value.
 */
export function checkAnswer(what: string, got: unknown, expected: unknown, tolerance: AnswerTolerance = {}): void {
  const rtol = tolerance.rtol ?? 1e-6;
  const atol = tolerance.atol ?? 0;
  if (!(rtol >= 0) || !(atol >= 0)) {
    throw new AnswerError(`checkAnswer: tolerances must be non-negative; got rtol ${rtol}, atol ${atol}`);
  }
  const problem = describeMismatch(got, expected, { rtol, atol });
  if (problem !== undefined) throw new AnswerError(`${what}: ${problem}`);
  console.log(`✓ ${what}`);
}

/**
 * Passes when `ok` holds, else throws with `hint` (which must not contain the expected value).
 *
 * @example checkThat("gradient passes a float64 check", rel < 1e-7, `relative error ${rel} is above 1e-7`);
 */
export function checkThat(what: string, ok: boolean, hint: string): void {
  if (ok !== true) throw new AnswerError(`${what}: ${hint}`);
  console.log(`✓ ${what}`);
}
