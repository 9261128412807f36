// A layered top-to-bottom layout of a plan graph (a side panel is taller than wide), by hand: Flink's plans are small DAGs (a few to a few dozen
// operators), so longest-path layers plus barycentre ordering read well without a layout library. Pure; tested in Node.

export interface LayoutInput {
  nodes: { id: string }[];
  edges: { from: string; to: string }[];
}

export interface Box { id: string; x: number; y: number; width: number; height: number; layer: number }
export interface Layout {
  boxes: Map<string, Box>;
  /** Cubic curve of each edge, from the bottom of `from` to the top of `to`. */
  paths: { from: string; to: string; d: string; mid: { x: number; y: number } }[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;
const LAYER_GAP = 46;
const COLUMN_GAP = 24;
const MARGIN = 16;

export function layout(g: LayoutInput): Layout {
  const ids = g.nodes.map((n) => n.id);
  const known = new Set(ids);
  const edges = g.edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) { preds.get(e.to)!.push(e.from); succs.get(e.from)!.push(e.to); }
  // Longest path from a source; a cycle (never in Flink's stream graph) is cut where it is met.
  const layerOf = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layerOf.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const l = Math.max(-1, ...preds.get(id)!.map(depth)) + 1;
    visiting.delete(id);
    layerOf.set(id, l);
    return l;
  };
  ids.forEach(depth);
  const sparse: string[][] = [];
  for (const id of ids) (sparse[layerOf.get(id)!] ??= []).push(id);
  // A cut cycle can leave a layer empty.
  const layers = sparse.filter((l) => l?.length);
  // Barycentre sweeps: each node moves toward the mean position of its neighbours in the previous layer.
  const pos = new Map<string, number>();
  const place = () => layers.forEach((l) => l.forEach((id, i) => pos.set(id, i)));
  place();
  const centre = (id: string, of: Map<string, string[]>) => {
    const ns = of.get(id)!;
    return ns.length ? ns.reduce((s, n) => s + pos.get(n)!, 0) / ns.length : pos.get(id)!;
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let i = 1; i < layers.length; i++) { layers[i].sort((a, b) => centre(a, preds) - centre(b, preds)); place(); }
    for (let i = layers.length - 2; i >= 0; i--) { layers[i].sort((a, b) => centre(a, succs) - centre(b, succs)); place(); }
  }
  const widest = Math.max(1, ...layers.map((l) => l.length));
  const width = MARGIN * 2 + widest * NODE_WIDTH + (widest - 1) * COLUMN_GAP;
  const boxes = new Map<string, Box>();
  layers.forEach((l, li) => {
    const row = l.length * NODE_WIDTH + (l.length - 1) * COLUMN_GAP;
    const left = (width - row) / 2;
    l.forEach((id, i) => boxes.set(id, { id, layer: li, width: NODE_WIDTH, height: NODE_HEIGHT, x: left + i * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + li * (NODE_HEIGHT + LAYER_GAP) }));
  });
  const paths = edges.map((e) => {
    const a = boxes.get(e.from)!, b = boxes.get(e.to)!;
    const x1 = a.x + a.width / 2, y1 = a.y + a.height, x2 = b.x + b.width / 2, y2 = b.y;
    const bend = Math.max(20, (y2 - y1) / 2);
    return { from: e.from, to: e.to, d: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`, mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 } };
  });
  return { boxes, paths, width, height: MARGIN * 2 + layers.length * NODE_HEIGHT + Math.max(0, layers.length - 1) * LAYER_GAP };
}
