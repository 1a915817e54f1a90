/**
 * Main-thread access to the simulation: SimClient (requests, frames, restart), endpoints
 * (worker or in-process), the mirrored SimModel and the live views' ViewState.
 */
export * from './endpoint.ts';
export * from './model.ts';
export * from './modelViews.ts';
export * from './simClient.ts';
export * from './stepChanges.ts';
export * from './viewState.ts';
