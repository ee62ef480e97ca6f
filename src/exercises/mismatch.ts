/**
 * What is wrong with an answer, in words that help without giving the expected value away: the
 * type, the shape, the sign, a factor of a power of ten, too large or too small, which entries.
 */

/** Numeric tolerance: |got - expected| <= atol + rtol * |expected|. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** At most this many wrong entries are named; the rest are counted. */
const MAX_NAMED = 3;

/** Undefined when `got` matches `expected`, else a sentence fragment saying what is wrong. */
export function describeMismatch(got: unknown, expected: unknown, tol: Tolerance): string | undefined {
  if (got === undefined || got === null) return "no answer yet";
  const problems = mismatches(got, expected, tol, "");
  if (problems.length === 0) return undefined;
  const named = problems.slice(0, MAX_NAMED).join("; ");
  const rest = problems.length - MAX_NAMED;
  return rest > 0 ? `${named}; and ${rest} more ${rest === 1 ? "entry" : "entries"} wrong` : named;
}

function mismatches(got: unknown, expected: unknown, tol: Tolerance, path: string): string[] {
  const subject = path === "" ? "the answer" : path;
  if (typeof expected === "number") {
    const problem = numberMismatch(got, expected, tol);
    return problem === undefined ? [] : [`${subject} ${problem}`];
  }
  if (typeof expected === "string" || typeof expected === "boolean") {
    if (typeof got !== typeof expected) return [`${subject} should be a ${typeof expected}; got ${kindOf(got)}`];
    return got === expected ? [] : [`${subject} is not right`];
  }
  if (isArrayLike(expected)) return arrayMismatches(got, expected, tol, path, subject);
  if (typeof expected === "object" && expected !== null) {
    return objectMismatches(got, expected as Record<string, unknown>, tol, path, subject);
  }
  return Object.is(got, expected) ? [] : [`${subject} is not right`];
}

function numberMismatch(got: unknown, expected: number, tol: Tolerance): string | undefined {
  if (typeof got !== "number") return `should be a number; got ${kindOf(got)}`;
  if (Number.isNaN(got)) return "is NaN";
  if (Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected)) return undefined;
  if (!Number.isFinite(got)) return `is ${got}`;
  if (expected === 0) return got > 0 ? "is too large" : "is too small";
  if (got === 0) return "is 0, which is not right";
  if (Math.sign(got) !== Math.sign(expected)) return "has the wrong sign";
  const ratio = got / expected;
  const decades = Math.log10(ratio);
  const k = Math.round(decades);
  if (k !== 0 && Math.abs(decades - k) < 0.005) {
    const factor = 10 ** Math.abs(k);
    return `is off by a factor of ${factor.toLocaleString("en-US")} (${k > 0 ? "too large" : "too small"})`;
  }
  if (Math.abs(ratio - 2) < 0.002) return "is twice what it should be";
  if (Math.abs(ratio - 0.5) < 0.0005) return "is half what it should be";
  const larger = Math.abs(got) > Math.abs(expected);
  if (Math.abs(ratio - 1) < 0.01) return `is close but ${larger ? "slightly too large" : "slightly too small"} (keep more digits?)`;
  return larger ? "is too large" : "is too small";
}

function arrayMismatches(got: unknown, expected: ArrayLike<unknown>, tol: Tolerance, path: string, subject: string): string[] {
  if (!isArrayLike(got)) return [`${subject} should be an array; got ${kindOf(got)}`];
  const gotShape = shapeOf(got);
  const expectedShape = shapeOf(expected);
  if (gotShape.length > 1 || expectedShape.length > 1) {
    if (!sameShape(gotShape, expectedShape)) {
      return [`${subject} has shape [${gotShape.join(", ")}]; it should be [${expectedShape.join(", ")}]`];
    }
  } else if (got.length !== expected.length) {
    return [`${subject} has ${entries(got.length)}; it should have ${expected.length}`];
  }
  const problems: string[] = [];
  for (let i = 0; i < expected.length; i++) problems.push(...mismatches(got[i], expected[i], tol, `${path}[${i}]`));
  return problems;
}

function objectMismatches(got: unknown, expected: Record<string, unknown>, tol: Tolerance, path: string, subject: string): string[] {
  const keys = Object.keys(expected);
  if (typeof got !== "object" || got === null || isArrayLike(got)) {
    return [`${subject} should be an object with ${keys.map((k) => `"${k}"`).join(", ")}; got ${kindOf(got)}`];
  }
  const record = got as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of keys) {
    const child = `${path}.${key}`;
    if (record[key] === undefined || record[key] === null) problems.push(`${child} is missing`);
    else problems.push(...mismatches(record[key], expected[key], tol, child));
  }
  return problems;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** The nested array shape, following the first entry of each level. */
function shapeOf(value: ArrayLike<unknown>): number[] {
  const shape = [value.length];
  let first = value[0];
  while (isArrayLike(first)) {
    shape.push(first.length);
    first = first[0];
  }
  return shape;
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function entries(n: number): string {
  return n === 1 ? "1 entry" : `${n} entries`;
}

function kindOf(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (isArrayLike(value)) return `an array of ${entries(value.length)}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function (call it?)";
  return `a ${typeof value}`;
}
