/** React glue: sandbox context, actor refs, scenario and status subscriptions, keyboard. */
export * from './sandboxContext.ts';
export * from './useActors.ts';
export * from './useClientStatus.ts';
export * from './usePlaybackKeys.ts';
export * from './useScenario.ts';
