import { describe, expect, it } from 'vitest';
import { sniffImport } from './importFile.ts';
import { embedSvgLink, extractSvgLink, isSvgText, xmlEscape } from './svg.ts';

const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>';
const LINK = 'v1.AbC-_x&cursor=3&view=notes';

describe('embedSvgLink / extractSvgLink', () => {
  it('stores the fragment escaped in <metadata> right after <svg>', () => {
    const out = embedSvgLink(SVG, LINK);
    expect(out).toContain('<metadata id="pasid-sandbox-link">v1.AbC-_x&amp;cursor=3&amp;view=notes</metadata><rect/>');
    expect(extractSvgLink(out)).toBe(LINK);
  });
  it('replaces an earlier link', () => {
    const out = embedSvgLink(embedSvgLink(SVG, 'v1.old'), LINK);
    expect(out.match(/<metadata/g)).toHaveLength(1);
    expect(extractSvgLink(out)).toBe(LINK);
  });
  it('finds nothing in an SVG without a link', () => {
    expect(extractSvgLink(SVG)).toBeNull();
  });
  it('escapes all five XML specials', () => {
    expect(xmlEscape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
  it('recognises SVG text', () => {
    expect(isSvgText(SVG)).toBe(true);
    expect(isSvgText('<!-- c --><svg>')).toBe(true);
    expect(isSvgText('{"svg": 1}')).toBe(false);
  });
});

describe('sniffImport', () => {
  const enc = (t: string) => new TextEncoder().encode(t);
  it('finds the link in an exported SVG', () => {
    expect(sniffImport(enc(embedSvgLink(SVG, LINK)))).toStrictEqual({ kind: 'link', fragment: LINK, from: 'svg' });
  });
  it('says when an SVG has no scenario', () => {
    const r = sniffImport(enc(SVG), 'a.svg');
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' ? r.problem : '').toMatch(/^a\.svg: /);
  });
  it('passes anything else on as JSON text', () => {
    expect(sniffImport(enc('{"format":"pasid-sandbox/1"}'))).toStrictEqual({
      kind: 'json',
      text: '{"format":"pasid-sandbox/1"}',
    });
  });
});
