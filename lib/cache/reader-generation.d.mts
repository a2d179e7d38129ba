// Types for reader-generation.mjs (plain JavaScript: server.mjs loads it outside the build).
import type { ServerResponse } from 'node:http';

/** The current generation of the reader pages (0 before the first change). */
export function readerGeneration(): number;

/** Raises the generation: no page held from before is served again. */
export function advanceReaderGeneration(): void;

/** Handles a request; one that raised the generation raises it again when its response has gone. */
export function handleRequest<T>(response: ServerResponse, handle: () => T): T;
