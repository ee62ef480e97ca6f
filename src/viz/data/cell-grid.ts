/**
 * The cell grid of a tensor heat map: cell size, and for a small matrix the value text printed in
 * each cell with an ink that reads on the cell's colour. Decided here for both drawings.
 */
import type { CellGrid, ColorScale, Matrix } from "../payloads";
import { FONT_SIZE, decodeNumber, formatCell, inkOn, valueColor } from "../payloads";
import { categoryTicks } from "./category-ticks";

/** Matrices up to this many rows and columns (not downsampled) print their values in the cells. */
export const VALUES_IN_CELLS_MAX = 8;
/** Size of a cell that holds a value: room for five characters such as `-0.12` or `4e-4`. */
const VALUE_CELL = { width: 48, height: 26 } as const;

/**
 * The grid of `m` drawn on `scale` in a panel at most `extent` pixels across; its rows run along
 * dimension `rowDim` of the tensor and its columns along the next one (the axis titles).
 */
export function cellGrid(m: Matrix, scale: ColorScale, extent: number, rowDim = 0): CellGrid {
  const titles = { rowTitle: `dim ${rowDim}`, colTitle: `dim ${rowDim + 1}` };
  const rows = m.z.length;
  const cols = m.colIndex.length;
  const whole = m.sourceRows <= rows && m.sourceCols <= cols;
  if (whole && rows <= VALUES_IN_CELLS_MAX && cols <= VALUES_IN_CELLS_MAX) {
    const values = m.z.map((row) => row.map(decodeNumber));
    return {
      ...VALUE_CELL,
      text: values.map((row) => row.map(formatCell)),
      ink: values.map((row) => row.map((v) => inkOn(valueColor(scale, v)))),
      fontSize: FONT_SIZE.cell,
      ...indexTicks(m, VALUE_CELL.width, VALUE_CELL.height),
      ...titles,
    };
  }
  const side = Math.max(4, Math.min(22, Math.floor(extent / Math.max(rows, cols, 1))));
  return { width: side, height: side, text: null, ink: null, fontSize: FONT_SIZE.cell, ...indexTicks(m, side, side), ...titles };
}

/** Index labels of the rows and columns: every one on small maps, about eight per axis on large ones. */
function indexTicks(m: Matrix, width: number, height: number): Pick<CellGrid, "rowTicks" | "colTicks"> {
  const rows = m.z.length;
  const cols = m.colIndex.length;
  return {
    rowTicks: categoryTicks(m.rowIndex.map(String), height, "y", { minEvery: rows <= 16 ? 1 : Math.ceil(rows / 8) }),
    colTicks: categoryTicks(m.colIndex.map(String), width, "x", { minEvery: cols <= 16 ? 1 : Math.ceil(cols / 8) }),
  };
}
