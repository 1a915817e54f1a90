/**
 * The research's rules as one line each, for the "Why this result" line of library scenarios
 * (their `.expect.json` cite R-, A- and B-numbers): R1–R61 from kernel-core-semantics.md, the A
 * (SMMUv3) and B (VT-d) sections of hw-structures.md by title. scripts/update-rules.ts writes them
 * to public/rules.json; researchRules.test.ts fails when that copy and the research differ.
 */

/** Rule id ("R11", "A11", "B7") → its text. */
export type RuleTable = Record<string, string>;

/** `- R11. text [K-SVA]` lines of the kernel-core research, without the source tag. */
export function kernelRules(markdown: string): RuleTable {
  const out: RuleTable = {};
  for (const m of markdown.matchAll(/^- (R\d+)\. (.+?)(?: \[[^\]]+\])?$/gm)) {
    out[m[1] ?? ''] = plain(m[2] ?? '');
  }
  return out;
}

/**
 * `## A11. title` / `## B7. title` section headings of the hardware research, and their numbered
 * items (`3. **SVA bind, …**` in A10 → "A10.3"), which the expectations cite as "A10.3(a)".
 */
export function hardwareSections(markdown: string): RuleTable {
  const out: RuleTable = {};
  let section: { id: string; title: string } | null = null;
  for (const line of markdown.split('\n')) {
    const head = /^## ([AB]\d+)\. (.+)$/.exec(line);
    if (head) {
      section = { id: head[1] ?? '', title: plain(head[2] ?? '') };
      out[section.id] = section.title;
      continue;
    }
    if (line.startsWith('#')) section = null;
    const item = /^(\d+)\. \*\*(.+?)\*\*/.exec(line);
    if (section && item) out[`${section.id}.${item[1] ?? ''}`] = `${section.title}: ${plain(item[2] ?? '')}`;
  }
  return out;
}

/** Markdown emphasis and code marks dropped: the text is shown as plain text. */
function plain(text: string): string {
  return text.replace(/`/g, '').replace(/\*\*/g, '').trim();
}

/** The ids a "why" text cites, in order, once each ("R6/R7/R12: …" → R6, R7, R12; "A10.3(a)" → A10.3). */
export function citedRules(why: string): string[] {
  const out: string[] = [];
  for (const m of why.matchAll(/\b(R\d{1,2}|[AB]\d{1,2}(?:\.\d+)?)\b/g)) {
    const id = m[1] ?? '';
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
