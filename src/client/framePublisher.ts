/**
 * FramePublisher: the mirror of the worker's frames (SimModel + ViewState) and their publication,
 * at most once per animation frame. Deltas that arrive between two publications are merged into one
 * change set; listeners see one Frame per publication.
 */
import type { FrameDelta } from '../protocol/index.ts';
import { SimModel } from './model.ts';
import { nextStepChanges } from './stepChanges.ts';
import type { StepChanges } from './stepChanges.ts';
import { emptyChanges } from './modelViews.ts';
import type { ChangeSet } from './modelViews.ts';
import { emptyViewChanges, ViewState } from './viewState.ts';
import type { ViewChanges } from './viewState.ts';

/** A published frame: the model after merging every delta since the previous one. */
export interface Frame {
  /** Increases by one per publication. */
  version: number;
  model: SimModel;
  changes: ChangeSet;
  /** The live views' mirror (hardware tables, PASID holders, counters) and what changed in it. */
  views: ViewState;
  viewChanges: ViewChanges;
}

export class FramePublisher {
  readonly model = new SimModel();
  readonly views = new ViewState();
  private changes = emptyChanges();
  private viewChanges = emptyViewChanges();
  /** The cursor of the last publication (-1 before the first): ViewChanges.single compares with it. */
  private publishedCursor = -1;
  /** The current step's changes, as of the last frame merged. */
  private step: StepChanges | null = null;
  private queued = false;
  private version = 0;
  private readonly listeners = new Set<(f: Frame) => void>();
  private readonly schedule: (fn: () => void) => void;

  /** `schedule` runs a publication (requestAnimationFrame in the app). */
  constructor(schedule: (fn: () => void) => void) {
    this.schedule = schedule;
  }

  /** Calls `listener` with every published frame; returns the unsubscribe function. */
  onFrame(listener: (f: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Merges a worker frame; a stale one (older epoch) is ignored. Publication follows on schedule. */
  merge(delta: FrameDelta): void {
    const before = this.model.cursor;
    if (!this.model.apply(delta, this.changes)) return;
    if (delta.views) this.views.apply(delta.views, this.viewChanges);
    this.step = nextStepChanges(this.step, delta, before);
    if (this.queued) return;
    this.queued = true;
    this.schedule(() => this.publish());
  }

  private publish(): void {
    this.queued = false;
    const cursor = this.model.cursor;
    this.viewChanges.single = !this.changes.full && !this.viewChanges.reset && cursor === this.publishedCursor + 1;
    this.publishedCursor = cursor;
    this.viewChanges.step = this.step?.cursor === cursor ? this.step : null;
    const frame: Frame = {
      version: ++this.version,
      model: this.model,
      changes: this.changes,
      views: this.views,
      viewChanges: this.viewChanges,
    };
    this.changes = emptyChanges();
    this.viewChanges = emptyViewChanges();
    for (const l of this.listeners) l(frame);
  }
}
