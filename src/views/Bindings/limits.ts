/** How much of the bindings graph is drawn; the rest is counted and listed in table mode. */
export const MAX_PROCS = 24;
export const MAX_DEVICES = 24;
