/**
 * Effects of the last applied step: what "this step" means in every view. A module of its own,
 * free of DOM-typed imports, so the Node-tested view models (Bindings) can share it.
 */
import type { SimModel } from '../../client/model.ts';
import type { Effect } from '../../engine/index.ts';

export function currentEffects(model: SimModel): readonly Effect[] {
  return model.log[model.cursor - 1]?.effects ?? [];
}
