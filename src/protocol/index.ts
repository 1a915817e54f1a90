/**
 * Protocol between the main thread and the simulation worker: message unions, frame layout.
 * Types and tiny codecs only; imports engine types and nothing else.
 */
export * from './frame.ts';
export * from './messages.ts';
export * from './views.ts';
