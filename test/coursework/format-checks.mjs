// Checks of the nbgrader format helpers that need no kernel: stubs, hidden tests, the merge of a
// submission with the instructor notebook, and matching a flat file to its notebook by content.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareForGrading } from "../../scripts/coursework/merge.mjs";
import { CODE_STUB, clearSolutions, gradeId, removeHiddenTests, sourceOf, studentVersion } from "../../scripts/coursework/nbgrader.mjs";
import { matchSource } from "../../scripts/coursework/submissions.mjs";

export function formatChecks(source, check) {
  const answer = "function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}";
  check("a solution region becomes the stub, indented like its BEGIN line",
    clearSolutions(answer) === `function f(): number {\n${CODE_STUB.split("\n").map((l) => `  ${l}`).join("\n")}\n}`, clearSolutions(answer));
  const tests = "check(1);\n// BEGIN HIDDEN TESTS\ncheck(2);\n// END HIDDEN TESTS\ncheck(3);";
  check("hidden tests are removed with their markers", removeHiddenTests(tests) === "check(1);\ncheck(3);", removeHiddenTests(tests));
  let unclosed = "";
  try {
    clearSolutions("// BEGIN SOLUTION\nreturn 1;");
  } catch (error) {
    unclosed = error.message;
  }
  check("an unclosed solution region is an error", unclosed.includes("without"), unclosed);

  const student = studentVersion(source);
  const graded = student.cells.filter((cell) => cell.metadata?.nbgrader?.grade);
  check("the student version keeps every check cell, without hidden tests",
    graded.length === 3 && graded.every((cell) => !sourceOf(cell).includes("HIDDEN")), JSON.stringify(graded.map(sourceOf)));

  const tampered = structuredClone(student);
  tampered.cells = tampered.cells.filter((cell) => gradeId(cell) !== "ex2-check");
  tampered.cells.find((cell) => gradeId(cell) === "ex1-check").source = ["console.log('fine');"];
  tampered.cells.find((cell) => gradeId(cell) === "ex3-check").metadata.nbgrader.points = 100;
  const { nb, notes } = prepareForGrading(tampered, source);
  const ids = nb.cells.map(gradeId).filter(Boolean);
  check("a deleted check cell is put back after the answer it followed", ids.indexOf("ex2-check") === ids.indexOf("ex2-answer") + 1, ids.join(" "));
  check("an edited check cell is restored, hidden tests included, and noted",
    sourceOf(nb.cells.find((cell) => gradeId(cell) === "ex1-check")).includes("double of -4") && (notes.get("ex1-check") ?? []).some((n) => n.includes("edited")),
    JSON.stringify([...notes]));
  check("points come from the instructor notebook", nb.cells.find((cell) => gradeId(cell) === "ex3-check").metadata.nbgrader.points === 1, "points 100 kept");

  const dir = mkdtempSync(join(tmpdir(), "seqgrad-match-"));
  try {
    writeFileSync(join(dir, "homework.ipynb"), JSON.stringify(student));
    const sources = new Map([["assignment", source], ["other", { cells: [] }]]);
    check("a flat file named after nothing is matched by its read-only cells", matchSource(join(dir, "homework.ipynb"), sources) === "assignment", "no match");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
