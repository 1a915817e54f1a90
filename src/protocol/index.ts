/** Messages between the client (main thread) and the simulation worker. */
export {};
