// The solution lines of an instructor notebook that the student version must not contain: every
// line inside a solution region or a hidden-test region that is long enough to be telling and
// does not also occur outside those regions.
import { BEGIN_HIDDEN_TESTS, BEGIN_SOLUTION, END_HIDDEN_TESTS, END_SOLUTION, regionLines, sourceOf } from "../../scripts/coursework/nbgrader.mjs";

const MIN_LENGTH = 8;

export function secretLines(instructorNb) {
  const inside = new Set();
  let outside = "";
  for (const cell of instructorNb.cells) {
    const text = sourceOf(cell);
    const secret = [...regionLines(text, BEGIN_SOLUTION, END_SOLUTION), ...regionLines(text, BEGIN_HIDDEN_TESTS, END_HIDDEN_TESTS)].map((l) => l.trim());
    for (const line of secret) inside.add(line);
    outside += `\n${text.split("\n").filter((l) => !secret.includes(l.trim())).join("\n")}`;
  }
  return [...inside].filter((line) => line.length >= MIN_LENGTH && !line.startsWith("// END") && !outside.includes(line));
}
