/**
 * The floor under W1 on this machine (src/engine/CONTEXT.md, "The floor on this machine"): a
 * synthetic step with the best access pattern a compact engine state could have. Two Map.get
 * calls on string ids (1,000 devices, 25,000 processes), then K dependent random reads and writes
 * into one typed array of MB MiB (each index depends on the value read before, as a chain of
 * lookups does), then five effect objects with a built entry name and a result object. Not a
 * workload of the engine: it tells how many cache misses a step can afford at 500k steps/s.
 *   npx tsx bench/probes/memoryFloor.ts            (MB=64 K=15; NOFX=1 drops the effects)
 */
const MB = Number(process.env.MB ?? 64);
const K = Number(process.env.K ?? 15);
const FX = process.env.NOFX ? 0 : 5;
const STEPS = 1_000_000;

const mem = new Int32Array((MB << 20) >> 2);
const devs = new Map(Array.from({ length: 1000 }, (_, i) => [`d${i}`, i] as const));
const procs = new Map(Array.from({ length: 25_000 }, (_, i) => [`p${i}`, i] as const));
const devIds = [...devs.keys()];
const procIds = [...procs.keys()];
let seed = 12345;
const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;

let sink = 0;
const t0 = performance.now();
for (let s = 0; s < STEPS; s++) {
  const d = devs.get(devIds[(rnd() * devIds.length) | 0] ?? 'd0') ?? 0;
  const p = procs.get(procIds[(rnd() * procIds.length) | 0] ?? 'p0') ?? 0;
  let h = (Math.imul(d, 2654435761) + Math.imul(p, 40503)) >>> 0;
  for (let k = 0; k < K; k++) {
    const at = h % mem.length;
    sink += mem[at] ?? 0;
    mem[at] = s;
    h = (Math.imul(h, 1664525) + 1013904223 + (mem[at ^ 1] ?? 0)) >>> 0;
  }
  const effects: { kind: string; target: string; fields: { V: number; ASID: number } }[] = [];
  for (let e = 0; e < FX; e++)
    effects.push({ kind: 'write', target: `CD[${d}][${h & 1023}]`, fields: { V: 1, ASID: h & 255 } });
  const result = { i: s, op: 'bind', ok: true, pasid: h & 4095, effects };
  sink += result.effects.length;
}
const ms = performance.now() - t0;
console.log(
  `working set ${MB} MiB, ${K} dependent accesses, ${FX} effects: ${Math.round(STEPS / ms)}k steps/s ` +
    `(${((ms * 1000) / STEPS).toFixed(2)} µs a step)${sink === -1 ? '' : ''}`
);
