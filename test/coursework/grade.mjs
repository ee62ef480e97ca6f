// `npm run test:grade`: grades a folder of submissions of test/coursework/fixtures/assignment.ipynb
// (nbgrader's layout, and a flat folder) with scripts/grade.mjs on the seqgrad kernel, and checks
// the points: a correct submission, a wrong one (passes the visible check, fails a hidden test),
// one that throws, one with an endless loop, one that kills the kernel, one with an edited
// read-only cell and one left unanswered. Prints `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_STUB, gradeId, sourceOf, studentVersion, toLines } from "../../scripts/coursework/nbgrader.mjs";
import { formatChecks } from "./format-checks.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(root, "test", "coursework", "fixtures");
const source = JSON.parse(readFileSync(join(fixtures, "assignment.ipynb"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "seqgrad-grade-"));
let passed = 0;
let failed = 0;

/** The student version with the stub of each named answer replaced by `answers[id]`. */
function submission(answers, edit = () => undefined) {
  const nb = studentVersion(source);
  for (const cell of nb.cells) {
    const id = gradeId(cell)?.replace(/-answer$/, "");
    if (id !== undefined && answers[id] !== undefined) {
      const stub = CODE_STUB.split("\n").map((line) => `  ${line}`).join("\n");
      cell.source = toLines(sourceOf(cell).replace(stub, answers[id].split("\n").map((line) => `  ${line}`).join("\n")));
    }
  }
  edit(nb);
  return nb;
}

const RIGHT = { ex1: "return scale * x;", ex2: "return xs.reduce((s, x) => s + x, 0);", ex3: "return [2, 3];" };
const STUDENTS = {
  alice: { nb: submission(RIGHT), points: { ex1: 1, ex2: 2, ex3: 1 } },
  bob: { nb: submission({ ...RIGHT, ex1: "return x === 3 ? 6 : x;", ex3: "return [3, 2];" }), points: { ex1: 0, ex2: 2, ex3: 0 }, reasons: { ex1: "double of -4", ex3: "[0] is too large" } },
  carol: { nb: submission({ ...RIGHT, ex2: 'throw new Error("oops");' }), points: { ex1: 1, ex2: 0, ex3: 1 }, reasons: { ex2: "oops" } },
  dave: { nb: submission({ ...RIGHT, ex1: "while (x === x) {}\nreturn x;" }), points: { ex1: 0, ex2: 2, ex3: 1 }, reasons: { ex1: "did not finish" } },
  frank: { nb: submission({ ...RIGHT, ex2: "process.exit(3);\nreturn 0;" }), points: { ex1: 1, ex2: 0, ex3: 1 }, reasons: { ex2: "kernel died" } },
  erin: {
    nb: submission({ ...RIGHT, ex3: "return [3, 2];" }, (nb) => {
      const check = nb.cells.find((cell) => gradeId(cell) === "ex3-check");
      check.source = ['console.log("✓ shape");'];
    }),
    points: { ex1: 1, ex2: 2, ex3: 0 },
    reasons: { ex3: "edited" },
  },
  gina: { nb: submission({}), points: { ex1: 0, ex2: 0, ex3: 0 }, reasons: { ex1: "not answered yet" } },
};

try {
  formatChecks(source, check);
  const nested = join(work, "submitted");
  for (const [student, { nb }] of Object.entries(STUDENTS)) {
    mkdirSync(join(nested, student, "hw1"), { recursive: true });
    writeFileSync(join(nested, student, "hw1", "assignment.ipynb"), JSON.stringify(nb));
  }
  const out = join(work, "graded");
  const started = Date.now();
  const run = grade(nested, out);
  console.log(`graded ${Object.keys(STUDENTS).length} submissions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  check("grade exits 0 and writes grades.csv", run.status === 0 && existsSync(join(out, "grades.csv")), run.stderr);
  const rows = readCsv(join(out, "grades.csv"));
  for (const [student, expected] of Object.entries(STUDENTS)) {
    for (const [exercise, points] of Object.entries(expected.points)) {
      const row = rows.find((r) => r.student === student && r.exercise === exercise);
      const reason = expected.reasons?.[exercise];
      check(`${student} ${exercise}: ${points} points${reason ? ` ("${reason}")` : ""}`,
        row !== undefined && Number(row.points) === points && (reason === undefined || row.reason.includes(reason)),
        row === undefined ? "no row" : `got ${row.points} points, reason "${row.reason}"`);
    }
    const feedback = join(out, "feedback", `${student}.html`);
    const total = Object.values(expected.points).reduce((a, b) => a + b, 0);
    check(`${student} has a feedback page with the total`, existsSync(feedback) && readFileSync(feedback, "utf8").includes(`${total} of 4 points`), feedback);
  }
  check("max_points come from the instructor's metadata", rows.filter((r) => r.exercise === "ex2").every((r) => r.max_points === "2"), "ex2 is worth 2");

  const flat = join(work, "flat");
  mkdirSync(flat, { recursive: true });
  writeFileSync(join(flat, "hank_assignment.ipynb"), JSON.stringify(STUDENTS.alice.nb));
  const flatOut = join(work, "flat-graded");
  const flatRun = grade(flat, flatOut);
  const flatRows = flatRun.status === 0 ? readCsv(join(flatOut, "grades.csv")) : [];
  check("a flat folder of notebooks is graded, the student named by the file", flatRows.length === 3 && flatRows.every((r) => r.student === "hank" && r.points === r.max_points),
    JSON.stringify(flatRows));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function grade(dir, out) {
  return spawnSync("node", [join(root, "scripts", "grade.mjs"), dir, "--out", out, "--source", fixtures, "--cell-timeout", "30", "--notebook-timeout", "400", "--jobs", "2"],
    { cwd: root, encoding: "utf8", env: { ...process.env, INIT_CWD: root } });
}

function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : `: ${detail}`}`);
}

/** Parses grades.csv (quoted fields may hold commas and doubled quotes). */
function readCsv(path) {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split("\n");
  const names = header.split(",");
  return lines.map((line) => {
    const fields = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"'));
    return Object.fromEntries(names.map((name, i) => [name, fields[i] ?? ""]));
  });
}
