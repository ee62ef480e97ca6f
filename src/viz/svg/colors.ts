/**
 * Colour maps and the categorical palette of the static drawing: the ones of the shared style
 * module (`payloads/style.ts`), which the extension draws with too.
 */
export { NAN_COLOR, SERIES_COLORS as PALETTE, inkOn, schemeColor, seriesColor as paletteColor, valueColor } from "../payloads/style";
export { autoColorScale } from "../data/color-scale";
