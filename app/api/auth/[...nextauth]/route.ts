import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { refuseBadCallbackUrl } from '@/lib/auth/callback-url';
import { captureIssuedDeviceToken, serializeDeviceCookie } from '@/lib/auth/device-cookie';
import { authOptions } from '@/db/auth/next-auth-options';

const nextAuth = NextAuth(authOptions) as (
  request: NextRequest,
  context: Context,
) => Promise<Response>;

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's handler, wrapped for two things it cannot do itself:
// - a callbackUrl in the query, or a callback-url cookie, that is not a same-origin URL gets a
//   400 here; next-auth would answer 500 (lib/auth/callback-url.ts);
// - after a successful credentials sign-in, the response also sets the device cookie that
//   authorize() was issued (lib/auth/device-cookie.ts): next-auth gives authorize no response.
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const refused = refuseBadCallbackUrl(request.nextUrl.searchParams, request.cookies);
  if (refused) return refused;
  const { result: response, deviceToken } = await captureIssuedDeviceToken(() =>
    nextAuth(request, context),
  );
  if (deviceToken) response.headers.append('Set-Cookie', serializeDeviceCookie(deviceToken));
  return response;
}

export { handler as GET, handler as POST };
