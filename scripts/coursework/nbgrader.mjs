// nbgrader's conventions for TypeScript notebooks, as its documentation describes them: solution
// regions (`// BEGIN SOLUTION` ... `// END SOLUTION`, replaced by a stub with the indent of the
// BEGIN line), hidden tests (`// BEGIN HIDDEN TESTS` ... `// END HIDDEN TESTS`, removed from the
// student version and put back for grading), and cell metadata schema 3 under `metadata.nbgrader`
// (grade_id, points, solution, grade, locked). The same stub is what a lecturer sets as
// nbgrader's `ClearSolutions.code_stub` for "typescript" (see the README).

export const BEGIN_SOLUTION = "// BEGIN SOLUTION";
export const END_SOLUTION = "// END SOLUTION";
export const BEGIN_HIDDEN_TESTS = "// BEGIN HIDDEN TESTS";
export const END_HIDDEN_TESTS = "// END HIDDEN TESTS";
export const CODE_STUB = '// YOUR CODE HERE\nthrow new Error("not answered yet: write your answer here");';

/** The source of a cell as one string (notebooks store it as a list of lines). */
export function sourceOf(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
}

/** Splits text into the list-of-lines form notebooks store. */
export function toLines(text) {
  return text.split("\n").map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line)).filter((line) => line !== "");
}

export function nbgraderOf(cell) {
  return cell.metadata?.nbgrader ?? {};
}

export const isSolution = (cell) => nbgraderOf(cell).solution === true;
export const isGrade = (cell) => nbgraderOf(cell).grade === true;
/** Locked as nbgrader reads it: grade cells are locked unless they are also solution cells. */
export const isLocked = (cell) => !isSolution(cell) && (isGrade(cell) || nbgraderOf(cell).locked === true);
export const gradeId = (cell) => nbgraderOf(cell).grade_id;
export const pointsOf = (cell) => Number(nbgraderOf(cell).points ?? 0);

/**
 * Replaces every region between `begin` and `end` lines (compared trimmed) by `replacement` lines
 * indented like the begin line (none for removal). Throws on nested or unclosed regions.
 */
export function replaceRegions(text, begin, end, replacement) {
  const out = [];
  let inside = false;
  for (const line of text.split("\n")) {
    if (line.trim() === begin) {
      if (inside) throw new Error(`nested "${begin}"`);
      inside = true;
      const indent = line.slice(0, line.indexOf(begin));
      if (replacement !== undefined) for (const stub of replacement.split("\n")) out.push(indent + stub);
    } else if (line.trim() === end) {
      if (!inside) throw new Error(`"${end}" without "${begin}"`);
      inside = false;
    } else if (!inside) {
      out.push(line);
    }
  }
  if (inside) throw new Error(`"${begin}" without "${end}"`);
  return out.join("\n");
}

/** The lines inside `begin` ... `end` regions of `text`. */
export function regionLines(text, begin, end) {
  const lines = [];
  let inside = false;
  for (const line of text.split("\n")) {
    if (line.trim() === begin) inside = true;
    else if (line.trim() === end) inside = false;
    else if (inside) lines.push(line);
  }
  return lines;
}

export const clearSolutions = (text) => replaceRegions(text, BEGIN_SOLUTION, END_SOLUTION, CODE_STUB);
export const removeHiddenTests = (text) => replaceRegions(text, BEGIN_HIDDEN_TESTS, END_HIDDEN_TESTS, undefined);

/**
 * The student version of a notebook: solutions replaced by the stub, hidden tests removed, and
 * no outputs on solution or grade cells (they would show answers). Other outputs stay.
 */
export function studentVersion(nb) {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    if (cell.cell_type !== "code") continue;
    let text = sourceOf(cell);
    if (isSolution(cell)) text = clearSolutions(text);
    text = removeHiddenTests(text);
    if (text !== sourceOf(cell)) cell.source = toLines(text);
    if (isSolution(cell) || isGrade(cell)) {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}
