/**
 * A device card's text: `meta|pasids` (bus, PASID limit, group and owner; the group's PASIDs with
 * the process or domain behind each). Twenty-four cards read it on every frame, so a memo keeps
 * it until something it reads changes.
 */
import type { PasidEntry, SimModel } from '../../client/index.ts';
import type { DomainInfo } from '../../protocol/index.ts';

/** The card text of device `id`, computed from scratch ('' for an unknown device). */
export function cardSummary(m: SimModel, id: string): string {
  const d = m.device(id);
  const g = m.groupOf(id);
  if (!d || !g) return '';
  const pasids = g.pasids.map((e) => {
    const mm = m.domain(e.domain)?.mm;
    return `${e.pasid}${mm ? ` ${mm}` : e.sva ? '' : ` ${e.domain}`}`;
  });
  return `${d.bus} · max ${d.maxPasids} PASIDs · group ${g.id}${g.owner ? ` · owner ${g.owner}` : ''}|${pasids.join(', ')}`;
}

/**
 * `cardSummary` for one card, recomputed only when what it reads changed: the topology (device
 * facts and group id; a new object every epoch), the group's owner, its PASID list (replaced
 * whenever the group changes) and the domain object behind each entry.
 */
export class CardSummaryMemo {
  private topology: object | null = null;
  private owner: string | null = null;
  private pasids: readonly PasidEntry[] | undefined;
  private domains: (DomainInfo | undefined)[] = [];
  private text = '';

  read(m: SimModel, id: string): string {
    const pasids = m.groupPasidsOf(id);
    const owner = m.groupOwnerOf(id);
    if (
      this.topology !== null &&
      m.topology === this.topology &&
      pasids === this.pasids &&
      owner === this.owner &&
      this.sameDomains(m, pasids)
    ) {
      return this.text;
    }
    this.topology = m.topology;
    this.pasids = pasids;
    this.owner = owner;
    this.domains = (pasids ?? []).map((e) => m.domain(e.domain));
    this.text = cardSummary(m, id);
    return this.text;
  }

  private sameDomains(m: SimModel, pasids: readonly PasidEntry[] | undefined): boolean {
    if (!pasids) return true;
    for (let k = 0; k < pasids.length; k++) if (m.domain(pasids[k]!.domain) !== this.domains[k]) return false;
    return true;
  }
}
