/**
 * Where the parts of an x-y chart sit, decided once in the library and carried by the payload: the
 * chart's size, its plotted area, its legend and its panel title. Both drawings place exactly these
 * boxes (the static SVG draws into them; the lab gives plotly the same sizes and domains), so the
 * plotted area has the same size and aspect in both, and a legend shows in the same place or in neither.
 */
import * as v from "valibot";
import { count, finite, list, oneOf, struct, text } from "./fields";
import { BOX_FIELDS, BoxSchema, PointSchema } from "./shared";
import { TEXT_ROLES, type TextRoleName } from "./style";

/**
 * A legend's box: its entries fill rows left to right, wrapping to the box's width; `rows` is the
 * row of each entry and `offsets` its distance from the box's left edge (px), in the legend's order,
 * so the static drawing and the lab place every entry alike.
 */
export const LegendBoxSchema = v.pipe(
  struct({ ...BOX_FIELDS, rows: list(count), offsets: list(finite) }),
  v.forward(v.check((b) => b.offsets.length === b.rows.length, "one offset per entry (as many as rows)"), ["offsets"]),
);
export type LegendBox = v.InferOutput<typeof LegendBoxSchema>;

/**
 * An x-y chart of `width` x `height` pixels (origin top left, y down): the plotted area `plot`, the
 * legend's box `legend` (its entries wrap to the box's width; null: no legend) and the anchor of the
 * panel title `title` (centred on x, baseline at y; null: no panel title).
 */
export const ChartLayoutSchema = struct({
  width: finite,
  height: finite,
  plot: BoxSchema,
  legend: v.nullable(LegendBoxSchema),
  title: v.nullable(PointSchema),
});
export type ChartLayout = v.InferOutput<typeof ChartLayoutSchema>;

/** The names of the text roles, for a schema's picklist. */
const TEXT_ROLE_NAMES = Object.keys(TEXT_ROLES) as [TextRoleName, ...TextRoleName[]];

/**
 * A note printed in place of a chart that has nothing to draw yet (training curves before the first
 * logged value), so neither drawing shows an empty axis: its text in text role `role`, anchored at
 * (x, y) (x at its start, middle or end as `anchor` says, y its baseline), in the figure's pixels
 * below its heading.
 */
export const ChartNoteSchema = struct({
  text,
  x: finite,
  y: finite,
  anchor: oneOf(["start", "middle", "end"]),
  role: v.picklist(TEXT_ROLE_NAMES, "one of the text roles"),
});
export type ChartNote = v.InferOutput<typeof ChartNoteSchema>;
