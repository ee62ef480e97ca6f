/**
 * IPython's help cells: a cell that is a name or a property chain with `?` before or after it,
 * `nn.LSTM?`, `?optim.Adam`, `lstm.forward??`, shows what Shift+Tab shows for that name (its
 * declaration, documentation and options) as the cell's output, instead of failing to compile.
 * No such cell is valid TypeScript, so no cell that ran before changes meaning.
 */

/** `?` or `??` on one side of a name chain `a.b.c` (spaces around the dots allowed), `;` optional. */
const HELP_CELL = /^\s*(\?{1,2})?\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*(\?{1,2})?\s*;?\s*$/;

/** The name chain a help cell asks about (`"nn.LSTM"` for `nn.LSTM?`), or undefined for other code. */
export function helpQuery(code: string): string | undefined {
  const match = HELP_CELL.exec(code);
  if (match === null) return undefined;
  const [, before, name = "", after] = match;
  // Exactly one side: `?x?` is not IPython's syntax either.
  if ((before === undefined) === (after === undefined)) return undefined;
  return name.replace(/\s+/g, "");
}

/** The `evalue` of a help cell whose name is unknown here. */
export function unknownName(name: string): string {
  return `help: nothing named ${name} is declared here; expected a name of seqgrad's exports or of a cell that ran (run that cell first)`;
}
