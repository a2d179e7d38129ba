import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { SESSION_MAX_AGE_MS } from '../../db/auth/config';
import { endSession } from '../../db/auth/current-user';
import { signIn } from '../../db/auth/sign-in';
import { clientIp } from './client-ip';
import { authSecret } from './secret';

/** Shown for a locked account or address; says nothing about whether the account exists. */
export const LOCKED_ERROR = 'locked';

// next-auth v4 (the stable line) with a Credentials provider and JWT sessions. The JWT carries
// only the id of a row in `sessions`; the data layer decides on every request whether that
// session is still good (db/auth/sessions.ts).
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
        const headers = req.headers ?? {};
        const result = await signIn({
          email: credentials?.email,
          password: credentials?.password,
          ip: clientIp(headers),
          userAgent: typeof headers['user-agent'] === 'string' ? headers['user-agent'] : null,
        });
        if (result.ok) return { id: String(result.userId), sid: result.sessionId };
        if (result.reason === 'locked') throw new Error(LOCKED_ERROR);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // On sign-in `user` is what authorize returned; afterwards the token carries the sid.
      if (user && 'sid' in user && typeof user.sid === 'string') token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      // The browser never needs the user's details from here; pages ask the data layer.
      return {
        expires: session.expires,
        sid: typeof token.sid === 'string' ? token.sid : undefined,
      };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid);
    },
  },
};
