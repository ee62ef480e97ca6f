// The cover of a handout: the notebook's title (its first `# ` heading, which the cover then
// replaces), the topics it covers (its `## ` sections), the seqgrad version and the edition.
import { gradeId, isGrade, pointsOf, sourceOf, toLines } from "../coursework/nbgrader.mjs";

/** Adds `metadata.handout` to a copy of `nb` and drops the title heading the cover repeats. */
export function withCover(nb, { edition, version }) {
  const copy = structuredClone(nb);
  const topics = [];
  let title;
  for (const cell of copy.cells) {
    if (cell.cell_type !== "markdown") continue;
    const lines = sourceOf(cell).split("\n");
    for (const line of lines) {
      const section = /^## +(.+?)\s*$/.exec(line);
      if (section && !/^exercises$/i.test(section[1])) topics.push(plainText(section[1].replace(/^\d+\.\s+/, "")));
    }
    if (title === undefined) {
      const at = lines.findIndex((line) => /^# +\S/.test(line));
      if (at >= 0) {
        title = plainText(lines[at].replace(/^# +/, "").trim());
        lines.splice(at, 1);
        cell.source = toLines(lines.join("\n").replace(/^\n+/, ""));
      }
    }
  }
  const graded = copy.cells.filter((cell) => isGrade(cell) && gradeId(cell));
  copy.metadata.handout = {
    title: title ?? "seqgrad notebook",
    topics,
    version,
    edition,
    exercises: graded.length,
    points: graded.reduce((sum, cell) => sum + pointsOf(cell), 0),
  };
  copy.metadata.title = copy.metadata.handout.title;
  return copy;
}

/**
 * A heading's text without its markdown marks (`code`, *emphasis*, **strong**, _emphasis_), as the
 * cover prints it as plain text; $math$ is left for MathJax.
 */
export function plainText(heading) {
  return heading
    .split(/(\$[^$]*\$)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/`([^`]*)`/g, "$1").replace(/(\*\*|\*|\b__|\b_)(\S(?:.*?\S)?)\1/g, "$2")))
    .join("");
}
