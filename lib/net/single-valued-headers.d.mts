import type { ServerResponse } from 'node:http';

export function keepHeadersSingle<T extends ServerResponse>(response: T): T;
