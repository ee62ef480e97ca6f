/**
 * Writes the documentation found by `inspection.ts` as an `inspect_reply` bundle: `text/markdown`
 * (the tooltip renders it, like IPython's help) and `text/plain` (the completer's documentation
 * panel shows it). Layout: the signature in a code block, the documentation, then per signature
 * its options as a table `option | type | default | description`.
 */

/** One option of an options object parameter. */
export interface OptionDoc {
  name: string;
  type: string;
  optional: boolean;
  defaultValue: string | undefined;
  docs: string;
}

/** One call or construct signature. */
export interface SignatureDoc {
  /** e.g. `new LSTM(options: nn.RecurrentOptions): LSTM`. */
  text: string;
  docs: string;
  options: { parameter: string; typeName: string; options: OptionDoc[] }[];
}

/** Everything shown for one name. */
export interface DocSection {
  /** e.g. `class LSTM`, `function attention`, `const lstm: nn.LSTM`. */
  heading: string;
  docs: string;
  signatures: SignatureDoc[];
  /** The exported names of a namespace. */
  members?: string[];
}

/** How many namespace members are listed before "and N more". */
const MEMBERS_SHOWN = 40;

/** The `inspect_reply` data for `section`. */
export function renderDoc(section: DocSection): { "text/markdown": string; "text/plain": string } {
  return { "text/markdown": markdown(section), "text/plain": plain(section) };
}

function markdown(section: DocSection): string {
  const code = [section.heading, ...section.signatures.map((s) => s.text).filter((t) => t !== "")];
  const out = ["```typescript\n" + code.join("\n") + "\n```"];
  if (section.docs !== "") out.push(preformatted(section.docs));
  for (const signature of section.signatures) {
    if (signature.docs !== "" && signature.docs !== section.docs) {
      if (section.signatures.length > 1) out.push("```typescript\n" + signature.text + "\n```");
      out.push(preformatted(signature.docs));
    }
    for (const group of signature.options) {
      const rows = group.options.map(
        (o) => `| \`${o.name}${o.optional ? "?" : ""}\` | \`${cell(o.type)}\` | ${o.defaultValue === undefined ? "" : `\`${cell(o.defaultValue)}\``} | ${prose(cell(o.docs))} |`,
      );
      out.push(`**Options** (\`${group.parameter}: ${cell(group.typeName)}\`)\n\n| option | type | default | description |\n| --- | --- | --- | --- |\n${rows.join("\n")}`);
    }
  }
  if (section.members !== undefined) out.push(`**Members**: ${listMembers(section.members, (m) => `\`${m}\``)}`);
  return out.join("\n\n");
}

function plain(section: DocSection): string {
  const out = [[section.heading, ...section.signatures.map((s) => s.text).filter((t) => t !== "")].join("\n")];
  if (section.docs !== "") out.push(section.docs);
  for (const signature of section.signatures) {
    if (signature.docs !== "" && signature.docs !== section.docs) out.push(signature.docs);
    for (const group of signature.options) {
      const lines = group.options.map((o) => {
        const fallback = o.defaultValue === undefined ? "" : ` = ${o.defaultValue}`;
        return `  ${o.name}${o.optional ? "?" : ""}: ${o.type}${fallback}${o.docs === "" ? "" : `\n      ${o.docs.replace(/\n/g, "\n      ")}`}`;
      });
      out.push(`Options (${group.parameter}: ${group.typeName}):\n${lines.join("\n")}`);
    }
  }
  if (section.members !== undefined) out.push(`Members: ${listMembers(section.members, (m) => m)}`);
  return out.join("\n\n");
}

/**
 * Documentation with its indented lines (the docstrings' equations, `  h_t = tanh(...)`) in code
 * blocks, so markdown keeps their line breaks and does not read `_t` as emphasis.
 */
function preformatted(docs: string): string {
  const out: string[] = [];
  let block: string[] = [];
  let fenced = false;
  const flush = (): void => {
    if (block.length > 0) out.push("```text", ...block, "```");
    block = [];
  };
  for (const line of docs.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && /^ {2,}\S/.test(line)) {
      block.push(line);
      continue;
    }
    flush();
    out.push(fenced || line.startsWith("```") ? line : prose(line));
  }
  flush();
  return out.join("\n");
}

/**
 * A line of documentation prose with each `*` between two word characters escaped outside code
 * spans: `[numLayers*directions, B, H]` and `directions*H` are products, which markdown would
 * otherwise read as emphasis (and drop the stars). `**bold**` and `*emphasis*` stay.
 */
function prose(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part, k) => (k % 2 === 1 ? part : part.replace(/(?<=[\w\])])\*(?=[\w([])/g, "\\*")))
    .join("");
}

function listMembers(members: string[], format: (m: string) => string): string {
  const shown = members.slice(0, MEMBERS_SHOWN).map(format).join(", ");
  return members.length > MEMBERS_SHOWN ? `${shown} and ${members.length - MEMBERS_SHOWN} more` : shown;
}

/** Text fit for one markdown table cell (one line, pipes escaped). */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}
