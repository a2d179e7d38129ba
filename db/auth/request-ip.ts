import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from '../../lib/auth/client-ip';

/** The client address of the current request, for the audit log. */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers());
}
