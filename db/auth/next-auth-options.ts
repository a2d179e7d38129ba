import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { redirectCallback } from '../../lib/auth/callback-url';
import { clientIp } from '../../lib/auth/client-ip';
import {
  readDeviceToken,
  reportIssuedDeviceToken,
  secureCookies,
} from '../../lib/auth/device-cookie';
import { SESSION_MAX_AGE_MS } from '../../lib/auth/limits';
import { authSecret } from '../../lib/auth/secret';
import { signIn } from './sign-in';
import { endSession } from './sign-out';

/** Shown for a locked account or address; says nothing about whether the account exists. */
export const LOCKED_ERROR = 'locked';

// next-auth v4 (the stable line) with a Credentials provider and JWT sessions, wired to the data
// layer (sign-in, sign-out), which is why these options live in db/ and not in lib/. The JWT carries
// only the id of a row in `sessions`; the data layer decides on every request whether that
// session is still good (db/auth/sessions.ts).
//
// These options serve the HTTP endpoints (app/api/auth/[...nextauth]/route.ts). Their session
// callback, which answers GET /api/auth/session to any script on the page, returns nothing but
// the expiry: the session id stays inside the encrypted, HttpOnly session cookie. The data layer
// reads it through serverAuthOptions below.
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000) },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        // next-auth hands authorize the request's headers (lower-cased), the cookie among them.
        const headers = req.headers ?? {};
        const result = await signIn({
          email: credentials?.email,
          password: credentials?.password,
          ip: clientIp(headers),
          userAgent: typeof headers['user-agent'] === 'string' ? headers['user-agent'] : null,
          deviceToken: readDeviceToken(headers.cookie),
        });
        if (result.ok) {
          // The route handler sets it as a cookie on next-auth's response.
          reportIssuedDeviceToken(result.deviceToken);
          return { id: String(result.userId), sid: result.sessionId };
        }
        if (result.reason === 'locked') throw new Error(LOCKED_ERROR);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // On sign-in `user` is what authorize returned; afterwards the token carries the sid. An
      // update posted to /api/auth/session (`session` here) is ignored: the client sets nothing.
      if (user && 'sid' in user && typeof user.sid === 'string') token.sid = user.sid;
      return token;
    },
    session({ session }) {
      // The browser needs nothing from here (pages ask the data layer), least of all the sid.
      return { expires: session.expires };
    },
    redirect: redirectCallback,
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid);
    },
  },
};

/**
 * For getServerSession in the data layer (db/auth/current-user.ts), never for the route handler:
 * the same options, with a session callback that returns the sid for the server to look up.
 *
 * getServerSession only decodes the session cookie, yet next-auth also validates its
 * callback-url cookie on every call and throws on a bad one, which would make every staff page
 * answer 500 to a browser holding a planted cookie. Server reads name a callback-url cookie no
 * browser holds; the route handler answers a bad one with a 400 and clears it.
 */
export const serverAuthOptions: NextAuthOptions = {
  ...authOptions,
  callbacks: {
    ...authOptions.callbacks,
    session({ session, token }) {
      return {
        expires: session.expires,
        sid: typeof token.sid === 'string' ? token.sid : undefined,
      };
    },
  },
  cookies: {
    callbackUrl: {
      name: 'cms.unused-callback-url',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies() },
    },
  },
};
