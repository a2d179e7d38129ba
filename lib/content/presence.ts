// How often an open editor says it is still there, and how long after its last word a person
// stops counting as present (three missed heartbeats: a closed laptop drops out on its own).
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_TTL_MS = 45_000;
