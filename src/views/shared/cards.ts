/** The cards the table diagrams draw (built by smmuCards / vtdCards, drawn by EntryDiagram). */
export interface CardField {
  name: string;
  value: string;
  changed: boolean;
  /** A process this field points at (clicking selects it). */
  proc?: string | null;
}

export type CardState = 'normal' | 'new' | 'changed' | 'ghost' | 'more';

export interface EntryCard {
  /** Row key (e.g. "smmu0:CD[0][1]") or a synthetic id for "more" cards. */
  id: string;
  column: number;
  parent: string | null;
  title: string;
  subtitle?: string;
  fields: CardField[];
  state: CardState;
  /** Linked from the queues view or matching the selection. */
  focused?: boolean;
}
