/** zustand stores: UI state (uiStore) and the latest simulation frame (frameStore). */
export * from './frameStore.ts';
export * from './uiStore.ts';
