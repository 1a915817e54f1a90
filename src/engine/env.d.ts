/**
 * The only host function the engine relies on: structuredClone (Node ≥ 17, browsers, workers),
 * used to checkpoint plain-data state. Declared here because the engine's lib has no DOM.
 */
declare function structuredClone<T>(value: T): T;
