// `npm run grade -- SUBMISSIONS_DIR [--out DIR] [--source DIR] [--cell-timeout S] [--notebook-timeout S] [--jobs N]`
// Grades submitted notebooks against the instructor notebooks (default: notebooks/): puts the
// read-only cells and hidden tests back, runs each submission on the seqgrad kernel in quiet mode
// with time limits, and writes DIR/grades.csv (student, notebook, exercise, points, max_points,
// reason), DIR/feedback/<student>.html and DIR/executed/<student>/<notebook>.ipynb.
// A submission that crashes, loops or was tampered with keeps the points it earned elsewhere.
// --jobs N grades N submissions at a time, each on its own kernel (default 1).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { feedbackHtml } from "./coursework/feedback.mjs";
import { prepareForGrading } from "./coursework/merge.mjs";
import { gradeId, isGrade, pointsOf } from "./coursework/nbgrader.mjs";
import { findSubmissions, readSources } from "./coursework/submissions.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";
const USAGE = "usage: npm run grade -- SUBMISSIONS_DIR [--out DIR] [--source DIR] [--cell-timeout S] [--notebook-timeout S] [--jobs N]";

const options = parseArgs(process.argv.slice(2));
const sources = readSources(options.source);
if (sources.size === 0) fail(`no instructor notebooks with graded cells in ${options.source}`);
installKernel();
const submissions = findSubmissions(options.submissions, sources);
if (submissions.length === 0) fail(`no notebooks in ${options.submissions}; expected <student>/<assignment>/*.ipynb or a flat folder of .ipynb files`);

const work = join(options.out, ".work");
const rows = [];
const reportsByStudent = new Map();
const reports = [];
let next = 0;
/**
 * How far apart the graders start their first kernels, so their first compilations (the slowest
 * part of a kernel's start) do not compete. Each grader claims its kernels' ports
 * (scripts/kernel_ports.py): two kernels started together by jupyter_client could be handed the
 * same port, and one died before replying.
 */
const STAGGER_MS = 2000;
const worker = async (number) => {
  await new Promise((wait) => setTimeout(wait, number * STAGGER_MS));
  while (next < submissions.length) {
    const index = next++;
    const report = await gradeOne(submissions[index]);
    reports[index] = report;
    const got = report.rows.reduce((s, r) => s + r.points, 0);
    const max = report.rows.reduce((s, r) => s + r.max, 0);
    console.log(`${submissions[index].student} ${report.notebook}: ${got} of ${max} points${report.problem ? ` (${report.problem})` : ""}`);
  }
};
await Promise.all(Array.from({ length: Math.min(options.jobs, submissions.length) }, (_, number) => worker(number)));
for (const [index, submission] of submissions.entries()) {
  const report = reports[index];
  reportsByStudent.set(submission.student, [...(reportsByStudent.get(submission.student) ?? []), report]);
  for (const row of report.rows) rows.push({ student: submission.student, notebook: report.notebook, ...row });
}
rmSync(work, { recursive: true, force: true });
mkdirSync(join(options.out, "feedback"), { recursive: true });
writeFileSync(join(options.out, "grades.csv"), toCsv(rows));
for (const [student, reports] of reportsByStudent) {
  writeFileSync(join(options.out, "feedback", `${safeName(student)}.html`), feedbackHtml(student, reports));
}
console.log(`wrote ${join(options.out, "grades.csv")} (${rows.length} rows) and ${reportsByStudent.size} feedback files in ${join(options.out, "feedback")}`);

/** Grades one submission; resolves to { notebook, rows, nb, problem }. */
async function gradeOne({ student, path, source }) {
  const notebook = source ?? basename(path, ".ipynb");
  if (source === undefined) return { notebook, rows: [], problem: "matches no instructor notebook; not graded" };
  const original = sources.get(source);
  const graded = original.cells.filter(isGrade);
  const zero = (reason) => graded.map((cell) => ({ exercise: exerciseName(cell), points: 0, max: pointsOf(cell), reason }));
  let submitted;
  try {
    submitted = JSON.parse(readFileSync(path, "utf8"));
    if (!Array.isArray(submitted.cells)) throw new Error("no cells");
  } catch (error) {
    return { notebook, rows: zero(`not a readable notebook (${error.message})`), problem: "unreadable notebook" };
  }
  const { nb, notes } = prepareForGrading(submitted, original);
  const dir = join(work, safeName(student));
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(options.source, "data")) && !existsSync(join(dir, "data"))) {
    try {
      symlinkSync(join(options.source, "data"), join(dir, "data"));
    } catch (error) {
      if (error.code !== "EEXIST") throw error; // the student's other notebook, graded at the same time, made it
    }
  }
  const input = join(dir, `${source}.ipynb`);
  const executedDir = join(options.out, "executed", safeName(student));
  mkdirSync(executedDir, { recursive: true });
  const executed = join(executedDir, `${source}.ipynb`);
  const resultPath = join(dir, `${source}.result.json`);
  writeFileSync(input, JSON.stringify(nb));
  const run = await runPython([join(root, "scripts", "coursework", "execute_graded.py"), input, executed, resultPath,
    "--cell-timeout", String(options.cellTimeout), "--notebook-timeout", String(options.notebookTimeout)]);
  if (run.status !== 0 || !existsSync(resultPath)) {
    return { notebook, rows: zero(`the notebook could not be run: ${(run.stderr ?? "").trim().split("\n").pop()}`), problem: "not run" };
  }
  const result = JSON.parse(readFileSync(resultPath, "utf8"));
  const ranNb = JSON.parse(readFileSync(executed, "utf8"));
  const status = new Map(result.cells.map((c) => [c.index, c]));
  const rowsOf = ranNb.cells.flatMap((cell, index) => {
    if (!isGrade(cell)) return [];
    const outcome = status.get(index) ?? { status: "not-run", reason: "not run" };
    const passed = outcome.status === "ok";
    const reasons = [passed ? "" : outcome.reason, ...(notes.get(gradeId(cell)) ?? [])].filter(Boolean);
    return [{ exercise: exerciseName(cell), points: passed ? pointsOf(cell) : 0, max: pointsOf(cell), reason: reasons.join("; ") }];
  });
  const problem = result.restarts > 0 ? `the kernel was restarted ${result.restarts} time(s) after a crash or an endless loop` : undefined;
  return { notebook, rows: rowsOf, nb: ranNb, problem };
}

/** Runs python with `args` in the kernel's environment; resolves to { status, stderr }. */
function runPython(args) {
  return new Promise((done) => {
    const child = spawn(python, args, { cwd: root, env: kernelEnv(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b) => {
      stderr += b;
    });
    child.on("error", (error) => {
      stderr += `${error.message}\n`;
    });
    child.on("close", (status) => done({ status, stderr }));
  });
}

function exerciseName(cell) {
  return gradeId(cell).replace(/-check$/, "");
}

function toCsv(rows) {
  const field = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = ["student,notebook,exercise,points,max_points,reason"];
  for (const r of rows) lines.push([r.student, r.notebook, r.exercise, r.points, r.max, r.reason.replace(/\s*\n\s*/g, " ")].map(field).join(","));
  return `${lines.join("\n")}\n`;
}

function safeName(name) {
  return name.replace(/[^\w.@+-]/g, "_");
}

function kernelEnv() {
  return { ...process.env, JUPYTER_PATH: join(root, ".jupyter-data"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

function installKernel() {
  if (!existsSync(join(root, "dist", "index.js"))) fail("the library is not built; run `npm run build` first");
  const run = spawnSync("npm", ["run", "--silent", "kernel:install"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) fail("installing the kernel spec failed");
}

function parseArgs(argv) {
  const base = process.env.INIT_CWD ?? process.cwd();
  const parsed = { out: undefined, source: join(root, "notebooks"), cellTimeout: 120, notebookTimeout: 1800, jobs: 1, submissions: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value; ${USAGE}`);
      return v;
    };
    if (arg === "--out") parsed.out = resolve(base, value());
    else if (arg === "--source") parsed.source = resolve(base, value());
    else if (arg === "--cell-timeout") parsed.cellTimeout = positive(arg, value());
    else if (arg === "--notebook-timeout") parsed.notebookTimeout = positive(arg, value());
    else if (arg === "--jobs") parsed.jobs = count(arg, value());
    else if (arg.startsWith("--")) fail(`unknown option ${arg}; ${USAGE}`);
    else if (parsed.submissions === undefined) parsed.submissions = resolve(base, arg);
    else fail(`one submissions folder expected; got ${parsed.submissions} and ${arg}`);
  }
  if (parsed.submissions === undefined) fail(USAGE);
  if (!existsSync(parsed.submissions)) fail(`no such folder: ${parsed.submissions}`);
  parsed.out ??= resolve(base, "graded");
  return parsed;
}

function positive(flag, text) {
  const n = Number(text);
  if (!(n > 0)) fail(`${flag} must be a positive number of seconds; got ${text}`);
  return n;
}

function count(flag, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a whole number of submissions, 1 or more; got ${text}`);
  return n;
}

function fail(message) {
  process.stderr.write(`grade: ${message}\n`);
  process.exit(1);
}
