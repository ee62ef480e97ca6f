/**
 * Date-format translation, a character-level seq2seq task whose true alignments are known:
 * "Tuesday, March 3, 2020" -> "2020-03-03". Each target character records the source positions it
 * comes from, so attention maps can be scored against the truth.
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { TokenPair } from "./seq2seq-batch";
import { PairCorpus, pairCorpus } from "./sentence-pairs";
import { SplitFractions, generatorOf } from "./split";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The human formats: `full` "Tuesday, March 3, 2020", `long` "March 3, 2020", `short` "Tue, Mar 3, 2020", `dmy` "3 March 2020", `dmyShort` "3 Mar 2020". */
export type DateFormat = "full" | "long" | "short" | "dmy" | "dmyShort";
export const DATE_FORMATS: readonly DateFormat[] = ["full", "long", "short", "dmy", "dmyShort"];

/** A date pair with its alignment: `alignment[j]` lists the source positions target char j copies from. */
export interface DatePair extends TokenPair {
  srcText: string;
  tgtText: string;
  format: DateFormat;
  alignment: number[][];
}

/** Options of `dateTask`. */
export interface DateTaskOptions extends SplitFractions {
  /** Number of examples (default 10000). */
  count?: number;
  /** Formats to draw from (default all five). */
  formats?: readonly DateFormat[];
  /** Earliest year (default 1950). */
  fromYear?: number;
  /** Latest year (default 2049). */
  toYear?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * One date written in a human format, with the ISO form and the alignment.
 *
 * @example formatDate(2020, 3, 3, "full").srcText // "Tuesday, March 3, 2020"
 */
export function formatDate(year: number, month: number, day: number, format: DateFormat): DatePair {
  const name = MONTHS[month - 1];
  const weekday = DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  if (name === undefined || weekday === undefined || day < 1 || day > 31) {
    throw new ValueError(`formatDate: not a date; expected month 1-12 and day 1-31, got ${year}-${month}-${day}`);
  }
  const parts: [string, "month" | "day" | "year" | null][] = [];
  const mon = format === "short" || format === "dmyShort" ? name.slice(0, 3) : name;
  if (format === "full") parts.push([`${weekday}, `, null]);
  if (format === "short") parts.push([`${weekday.slice(0, 3)}, `, null]);
  if (format === "dmy" || format === "dmyShort") parts.push([String(day), "day"], [" ", null], [mon, "month"], [" ", null], [String(year), "year"]);
  else parts.push([mon, "month"], [" ", null], [String(day), "day"], [", ", null], [String(year), "year"]);
  const spans: Record<"month" | "day" | "year", number[]> = { month: [], day: [], year: [] };
  let srcText = "";
  for (const [text, role] of parts) {
    if (role !== null) for (let i = 0; i < text.length; i++) spans[role].push(srcText.length + i);
    srcText += text;
  }
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  const tgtText = `${year}-${mm}-${dd}`;
  const alignment: number[][] = [...spans.year.map((p) => [p]), [], ...[0, 1].map(() => spans.month), [], ...dayAlignment(spans.day)];
  return { src: Array.from(srcText), tgt: Array.from(tgtText), srcText, tgtText, format, alignment };
}

/** "3" -> both target digits come from it; "23" -> digit by digit. */
function dayAlignment(span: number[]): number[][] {
  const [a, b] = span;
  if (a === undefined) return [[], []];
  return b === undefined ? [[a], [a]] : [[a], [b]];
}

/**
 * Random dates in random formats (seeded), split into train / valid / test (default 80 / 10 / 10)
 * with character vocabularies. Each calendar date appears at most once in the whole set (in one
 * format), so test dates are held out.
 *
 * @example const dates = dateTask({ count: 8000, seed: 0 }); dates.test[0].srcText
 */
export function dateTask(options: DateTaskOptions = {}): PairCorpus<DatePair> {
  checkKnownOptions("dateTask", options, optionNames<DateTaskOptions>({ count: true, formats: true, fromYear: true, toYear: true, seed: true, train: true, valid: true }));
  const count = options.count ?? 10000;
  const formats = options.formats ?? DATE_FORMATS;
  const fromYear = options.fromYear ?? 1950;
  const toYear = options.toYear ?? 2049;
  const start = Date.UTC(fromYear, 0, 1);
  const days = Math.round((Date.UTC(toYear + 1, 0, 1) - start) / 86400000);
  if (!(days > 0 && formats.length > 0)) throw new ValueError(`dateTask: need fromYear <= toYear and at least one format; got ${fromYear}-${toYear}, ${formats.length} formats`);
  if (count > days) throw new ValueError(`dateTask: count exceeds the distinct dates available; expected <= ${days}, got ${count}`);
  const gen = generatorOf(options.seed ?? 0);
  const seen = new Set<string>();
  const pairs: DatePair[] = [];
  while (pairs.length < count) {
    const when = new Date(start + gen.integer(0, days) * 86400000);
    const format = formats[gen.integer(0, formats.length)] ?? "full";
    const pair = formatDate(when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate(), format);
    if (seen.has(pair.tgtText)) continue;
    seen.add(pair.tgtText);
    pairs.push(pair);
  }
  return pairCorpus(pairs, { train: options.train, valid: options.valid, seed: (options.seed ?? 0) + 1 }, (t) => Array.from(t));
}
