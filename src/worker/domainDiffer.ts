/**
 * The domain list of a frame (FrameDelta.domains / removedDomains), diffed field by field against
 * the last info sent: with thousands of SVA domains, a signature string per domain per step cost
 * more than the rest of the frame. Part of Differ (differ.ts), one per epoch like it.
 * May import: engine, protocol, this folder.
 */
import type { Domain, SimState } from '../engine/index.ts';
import type { DomainInfo } from '../protocol/index.ts';
import { domainInfo, listed } from './read.ts';

export interface DomainSections {
  domains?: DomainInfo[];
  removedDomains?: string[];
}

export class DomainDiffer {
  /** The last info sent per listed domain. */
  private readonly sent = new Map<string, DomainInfo>();
  /**
   * Position of each `sent` key in that Map's order, which is SimState.domains' order: both only
   * append (SVA domain ids count up, scenario ids are unique and cannot contain ':', and only SVA
   * domains are ever deleted). Sorting a touched subset by it reproduces a full scan's order, which
   * the client keeps for its domain lists.
   */
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;

  /**
   * Domains made or freed since the last call (a listed domain whose fields differ counts as made
   * again). `touched`: ids of every domain the steps since the last call added, deleted or changed,
   * or null to scan them all.
   */
  diff(s: Readonly<SimState>, touched: ReadonlySet<string> | null, out: DomainSections): void {
    const removed: string[] = [];
    const changed: DomainInfo[] = [];
    if (touched) {
      for (const id of touched) {
        const d = s.domains.get(id);
        if (d !== undefined && listed(d)) {
          const info = this.changed(d);
          if (info) changed.push(info);
        } else if (this.sent.has(id)) removed.push(id);
      }
      const at = (id: string) => this.seq.get(id) ?? 0;
      if (removed.length > 1) removed.sort((a, b) => at(a) - at(b));
      if (changed.length > 1) changed.sort((a, b) => at(a.id) - at(b.id));
      for (const id of removed) this.forget(id);
    } else {
      for (const id of this.sent.keys()) {
        const d = s.domains.get(id);
        if (!d || !listed(d)) removed.push(id);
      }
      for (const id of removed) this.forget(id);
      for (const d of s.domains.values()) {
        if (!listed(d)) continue;
        const info = this.changed(d);
        if (info) changed.push(info);
      }
    }
    if (changed.length > 0) out.domains = changed;
    if (removed.length > 0) out.removedDomains = removed;
  }

  /** The info to send for listed domain `d`, or null when the client has it already. */
  private changed(d: Domain): DomainInfo | null {
    const sent = this.sent.get(d.id);
    if (
      sent !== undefined &&
      sent.type === d.type &&
      sent.iommu === d.iommu &&
      sent.pasidCompat === d.pasidCompat &&
      sent.mm === d.mm &&
      sent.defaultOf === d.defaultOf
    )
      return null;
    const info = domainInfo(d);
    if (sent === undefined) this.seq.set(d.id, this.nextSeq++);
    this.sent.set(d.id, info);
    return info;
  }

  private forget(id: string): void {
    this.sent.delete(id);
    this.seq.delete(id);
  }
}
