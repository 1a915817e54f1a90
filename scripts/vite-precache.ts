/**
 * Vite plugin: emits the service worker (src/sw/sw.template.js) as `sw.js` with the full precache
 * list of this build: every emitted file (entry, lazy chunks, workers, CSS), every file of
 * public/ (scenario library, icons, manifest) and the page itself. The cache name carries a hash
 * of the list and the files' contents, so each build replaces the previous cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** Files never precached (large or irrelevant offline). */
const SKIP = [/\.trace\.json$/, /\.map$/];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function precache(options: { template?: string } = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'pasid-sandbox-precache',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    generateBundle(_, bundle) {
      const hash = createHash('sha256');
      const files = new Set<string>(['./']);
      for (const [name, item] of Object.entries(bundle)) {
        if (SKIP.some((re) => re.test(name))) continue;
        files.add(`./${name}`);
        hash.update(name);
        hash.update(
          item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source)
        );
      }
      const pub = config.publicDir;
      if (pub) {
        for (const abs of walk(pub)) {
          const rel = relative(pub, abs).split(sep).join('/');
          if (rel === 'sw.js' || SKIP.some((re) => re.test(rel))) continue;
          files.add(`./${rel}`);
          hash.update(rel);
          hash.update(readFileSync(abs));
        }
      }
      const list = [...files].sort();
      const version = hash.digest('hex').slice(0, 12);
      const template = readFileSync(options.template ?? join(config.root, 'src', 'sw', 'sw.template.js'), 'utf8');
      if (template.split('__PRECACHE__').length !== 2)
        throw new Error('sw template: expected one __PRECACHE__ placeholder');
      const source = template.replace('__PRECACHE__', () => JSON.stringify({ version, files: list }));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
