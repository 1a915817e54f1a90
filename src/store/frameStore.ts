/**
 * Frame store: the latest published frame, replaced at most once per animation frame by the app
 * (client.onFrame → publishFrame). Canvas-like views subscribe transiently with
 * `frameStore.subscribe` and repaint without React; React views select narrow values through
 * `useFrame(selector)`.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Frame } from '../client/index.ts';

export interface FrameState {
  frame: Frame | null;
}

export const frameStore = createStore<FrameState>()(() => ({ frame: null }));

/** Publishes a frame (the app calls this from client.onFrame). */
export function publishFrame(frame: Frame): void {
  frameStore.setState({ frame });
}

/** Back to no frame (tests). */
export function resetFrameStore(): void {
  frameStore.setState({ frame: null }, true);
}

/**
 * Selects a value from the latest frame; re-renders only when the selected value changes.
 * Select primitives (or memoised values): the model object itself is mutated in place.
 * @example
 * const cursor = useFrame((s) => s.frame?.model.cursor ?? 0);
 */
export function useFrame<T>(selector: (s: FrameState) => T): T {
  return useStore(frameStore, selector);
}

export const selectVersion = (s: FrameState): number => s.frame?.version ?? 0;
export const selectCursor = (s: FrameState): number => s.frame?.model.cursor ?? 0;
export const selectLength = (s: FrameState): number => s.frame?.model.length ?? 0;
export const selectFramePolicy = (s: FrameState): string | null => (s.frame ? s.frame.model.policy : null);
