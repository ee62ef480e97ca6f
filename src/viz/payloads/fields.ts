/**
 * The field schemas every payload schema is built from (valibot). Each one's message is what an
 * error prints after "expected": `curves.series[0].x[3]: expected a finite number, got "x"`.
 */
import * as v from "valibot";

/** A finite number. */
export const finite = v.pipe(v.number("a finite number"), v.finite("a finite number"));

/** An integer of at least `min`. */
export function integer(min = 0): v.SchemaWithPipe<readonly [v.NumberSchema<string>, v.IntegerAction<number, string>, v.MinValueAction<number, number, string>]> {
  const message = `an integer >= ${min}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message));
}

/** A count, an index or a size: an integer >= 0. */
export const count = integer(0);

export const text = v.string("a string");

export const flag = v.boolean("a boolean");

/** One of the given strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T): v.PicklistSchema<T, string> {
  return v.picklist(options, `one of ${options.join(", ")}`);
}

/** A number as JSON can carry it: finite numbers as is, NaN and infinities as strings. */
export const jsonNumber = v.union([finite, v.picklist(["NaN", "Infinity", "-Infinity"])], 'a finite number, "NaN", "Infinity" or "-Infinity"');

/** An array of `item`. */
export function list<T extends v.GenericSchema>(item: T): v.ArraySchema<T, string> {
  return v.array(item, "an array");
}

/** An object with these fields (others are allowed and left out of the result). */
export function struct<E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, string> {
  return v.object(entries, "an object");
}

/** A tensor shape: sizes >= 0. */
export const shape = list(count);

const { record: keyed } = v;

/** An object of any keys whose values are `item` (the metrics of a run). */
export function dictionary<T extends v.GenericSchema>(item: T): v.RecordSchema<v.StringSchema<undefined>, T, string> {
  return keyed(v.string(), item, "an object");
}
