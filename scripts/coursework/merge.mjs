// Prepares a submission for grading the way nbgrader's autograder does: every read-only cell
// (the check cells included) is put back as the instructor wrote it, with its hidden tests, and
// the points come from the instructor's metadata. A check cell the student deleted is put back
// after the cell it followed. Edits and deletions are reported, never silently accepted.
import { gradeId, isGrade, isLocked, removeHiddenTests, sourceOf } from "./nbgrader.mjs";

const normalize = (text) => text.split("\n").map((line) => line.trimEnd()).join("\n").trim();

/** Returns { nb, notes }: the notebook to execute, and notes by grade id ("edited", "restored"). */
export function prepareForGrading(submission, source) {
  const nb = structuredClone(submission);
  const notes = new Map();
  const note = (id, text) => notes.set(id, [...(notes.get(id) ?? []), text]);
  const originals = new Map(source.cells.filter((cell) => gradeId(cell)).map((cell) => [gradeId(cell), cell]));
  const seen = new Set();
  nb.cells = nb.cells.filter((cell) => {
    const id = gradeId(cell);
    if (id === undefined || !originals.has(id)) return true;
    if (seen.has(id)) {
      note(id, `a second cell with the id ${id} was ignored`);
      return false;
    }
    seen.add(id);
    return true;
  });
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    const original = originals.get(gradeId(cell));
    if (original === undefined) continue;
    if (isLocked(original)) {
      const mine = normalize(sourceOf(cell));
      if (mine !== normalize(removeHiddenTests(sourceOf(original))) && mine !== normalize(sourceOf(original))) {
        note(gradeId(cell), "this read-only cell was edited; it was graded as the instructor wrote it");
      }
      cell.source = structuredClone(original.source);
    }
    cell.metadata = { ...cell.metadata, nbgrader: structuredClone(original.metadata.nbgrader) };
  }
  restoreMissing(nb, source, seen, note);
  return { nb, notes };
}

/** Puts back deleted read-only cells after the cell that preceded them in the instructor notebook. */
function restoreMissing(nb, source, seen, note) {
  let previousId;
  for (const original of source.cells) {
    const id = gradeId(original);
    if (id === undefined) continue;
    if (!seen.has(id) && (isLocked(original) || isGrade(original))) {
      const at = previousId === undefined ? -1 : nb.cells.findIndex((cell) => gradeId(cell) === previousId);
      const copy = { ...structuredClone(original), outputs: [], execution_count: null };
      if (at >= 0) nb.cells.splice(at + 1, 0, copy);
      else nb.cells.push(copy);
      seen.add(id);
      note(id, "this read-only cell was missing from the submission and was put back");
    }
    if (seen.has(id)) previousId = id;
  }
}
