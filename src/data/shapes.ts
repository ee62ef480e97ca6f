/**
 * A small image-captioning dataset drawn by the library: scenes of two coloured shapes on a black
 * background, each with a caption that names both and where the first one is ("red circle left of
 * blue square", "green triangle above yellow circle"). The layout of every scene is kept, so a
 * notebook can check where a visual attention model looks.
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { generatorOf } from "./split";
import type { SeedLike } from "./split";
import { Vocab } from "./vocab";

/** The colours of the shapes, with their RGB values in [0, 1]. */
export const SHAPE_COLOURS = { red: [1, 0.1, 0.1], green: [0.1, 0.9, 0.2], blue: [0.2, 0.3, 1], yellow: [1, 0.9, 0.1] } as const;
/** The shapes. */
export const SHAPE_KINDS = ["circle", "square", "triangle"] as const;

export type ShapeColour = keyof typeof SHAPE_COLOURS;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** One shape of a scene: colour, kind and its bounding box (top row, left column, side in pixels). */
export interface SceneObject {
  colour: ShapeColour;
  kind: ShapeKind;
  row: number;
  col: number;
  side: number;
}

/** One scene: the caption's tokens, its two objects in caption order, and their relation. */
export interface ShapeScene {
  caption: string[];
  objects: [SceneObject, SceneObject];
  relation: "left of" | "above";
}

/** Options of `shapeScenes`. */
export interface ShapeScenesOptions {
  /** Number of scenes (default 2000). */
  count?: number;
  /** Image side in pixels, at least 12 (default 16). */
  size?: number;
  /** Seed or generator (default 0). */
  seed?: SeedLike;
}

/** The dataset: images [N, 3, S, S] (float32, channels R, G, B), scenes, and the captions' vocabulary. */
export interface ShapeScenes {
  images: Tensor;
  scenes: ShapeScene[];
  vocab: Vocab;
}

/**
 * Draws `count` scenes of two shapes, one in each half of the image (left and right, or top and
 * bottom), and captions them "<colour> <shape> left of|above <colour> <shape>".
 *
 * @example const { images, scenes, vocab } = data.shapeScenes({ count: 500, seed: 1 }); scenes[0].caption.join(" ")
 */
export function shapeScenes(options: ShapeScenesOptions = {}): ShapeScenes {
  checkKnownOptions("shapeScenes", options, optionNames<ShapeScenesOptions>({ count: true, size: true, seed: true }));
  const count = options.count ?? 2000;
  const size = options.size ?? 16;
  if (!Number.isInteger(count) || count < 1) throw new ValueError(`shapeScenes: count must be a positive integer; got ${count}`);
  if (!Number.isInteger(size) || size < 12) throw new ValueError(`shapeScenes: size must be an integer >= 12; got ${size}`);
  const gen = generatorOf(options.seed ?? 0);
  const colours = Object.keys(SHAPE_COLOURS) as ShapeColour[];
  const side = Math.floor(size * 0.4);
  const half = Math.floor(size / 2);
  const pixels = new Float32Array(count * 3 * size * size);
  const scenes: ShapeScene[] = [];
  for (let n = 0; n < count; n++) {
    const relation = gen.uniform() < 0.5 ? "left of" : "above";
    // along the relation's axis each object stays in its half; across it, anywhere
    const place = (first: boolean): [number, number] => {
      const along = gen.integer(0, half - side + 1) + (first ? 0 : half);
      const across = gen.integer(0, size - side + 1);
      return relation === "left of" ? [across, along] : [along, across];
    };
    const objects = [true, false].map((first) => {
      const [row, col] = place(first);
      const colour = colours[gen.integer(0, colours.length)] as ShapeColour;
      const kind = SHAPE_KINDS[gen.integer(0, SHAPE_KINDS.length)] as ShapeKind;
      return { colour, kind, row, col, side };
    }) as [SceneObject, SceneObject];
    for (const o of objects) draw(pixels, n, size, o);
    const words = (o: SceneObject): string[] => [o.colour, o.kind];
    scenes.push({ caption: [...words(objects[0]), ...relation.split(" "), ...words(objects[1])], objects, relation });
  }
  return { images: new Tensor(pixels, [count, 3, size, size]), scenes, vocab: Vocab.build(scenes.map((s) => s.caption)) };
}

/** Paints one object into image n: a filled square, a disc, or a triangle with its apex on top. */
function draw(pixels: Float32Array, n: number, size: number, o: SceneObject): void {
  const rgb = SHAPE_COLOURS[o.colour];
  const c = (o.side - 1) / 2;
  for (let i = 0; i < o.side; i++) {
    for (let j = 0; j < o.side; j++) {
      const inside =
        o.kind === "square" ? true
        : o.kind === "circle" ? (i - c) ** 2 + (j - c) ** 2 <= (c + 0.5) ** 2
        : Math.abs(j - c) <= (i + 1) / 2;
      if (!inside) continue;
      for (let ch = 0; ch < 3; ch++) pixels[((n * 3 + ch) * size + o.row + i) * size + o.col + j] = rgb[ch] as number;
    }
  }
}
