// `npm start`: Next's request handler behind a plain Node HTTP server, so that the client's
// address comes from the socket. `next start` passes on an X-Forwarded-For the client wrote,
// which let anyone choose their own address (past the per-address sign-in limit, into the
// audit log). Here every request gets CLIENT_IP_HEADER from the socket (or from our proxies,
// when TRUSTED_PROXY_HOPS or TRUSTED_PROXIES says there are some), and forwarding headers from
// anyone who is not our proxy are dropped before Next sees them.
//
//   node server.mjs [--port 3000] [--hostname 0.0.0.0] [--dev]

import http from 'node:http';
import { parseArgs } from 'node:util';
import {
  CLIENT_IP_HEADER,
  PROXY_HEADERS,
  clientAddress,
  proxyTrustFromEnv,
  validAddress,
} from './lib/net/client-address.mjs';
import { MAX_ACTION_BODY_BYTES, refuseActionBody } from './lib/net/action-guard.mjs';
import { keepHeadersSingle } from './lib/net/single-valued-headers.mjs';
import { createCompressor } from './lib/net/compressed-responses.mjs';
import { createPageCache } from './lib/net/page-cache.mjs';
import { handleRequest } from './lib/cache/reader-generation.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
    dev: { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(`Cannot start: ${message}`);
  process.exit(1);
}

// This file runs before Next, as plain JavaScript, so it reads its own variables (PORT, HOSTNAME,
// TRUSTED_PROXY_HOPS, TRUSTED_PROXIES) rather than through lib/env.ts, where they are declared
// and documented and checked again, by the same rules, when the app starts.
const portText = values.port ?? process.env.PORT ?? '3000';
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`PORT must be a port number from 1 to 65535; it is "${portText.slice(0, 20)}".`);

let trust;
try {
  trust = proxyTrustFromEnv(process.env);
} catch (error) {
  fail(error.message);
}

// Like `next start`, a production server unless --dev; set before Next is loaded.
process.env.NODE_ENV ??= values.dev ? 'development' : 'production';
const { default: next } = await import('next');

const hostname = values.hostname ?? process.env.HOSTNAME ?? undefined;
// Where this server's own background work (the scheduler expiring reader pages) reaches it,
// and the port the app's links default to (CMS_INTERNAL_ORIGIN and PORT in lib/env.ts).
const loopback = !hostname || hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
process.env.PORT = String(port);
process.env.CMS_INTERNAL_ORIGIN = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;
const app = next({ dev: values.dev, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const behindProxy = trust.hops > 0 || trust.proxies.size > 0;
// Whole reader responses, kept in front of Next (lib/net/page-cache.mjs says what and why);
// one process's memory, so off with the shared cache of several instances, and in development.
const pageCache = values.dev || process.env.REDIS_URL?.trim() ? null : createPageCache();
const compress = createCompressor({ onShared: pageCache?.store });

const server = http.createServer((request, response) => {
  const address = clientAddress(
    {
      socketAddress: request.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
    },
    trust,
  );
  // Only our proxies speak for the client; from a peer that is not one, these are the
  // client's own words.
  const fromOurProxy =
    behindProxy &&
    (trust.proxies.size === 0 || trust.proxies.has(validAddress(request.socket.remoteAddress)));
  if (!fromOurProxy) for (const name of PROXY_HEADERS) delete request.headers[name];
  request.headers[CLIENT_IP_HEADER] = address ?? '';
  keepHeadersSingle(response);
  if (pageCache?.serve(request, response)) return;
  compress(request, response);
  handleRequest(response, () => {
    if (request.method === 'POST' && request.headers['next-action'])
      void checkActionThenHandle(request, response);
    else void handle(request, response);
  });
});

/**
 * A Server Action's body is read here first (lib/net/action-guard.mjs says why); Next then gets
 * a request that replays the same bytes.
 */
async function checkActionThenHandle(request, response) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += chunk.byteLength;
      if (size > MAX_ACTION_BODY_BYTES)
        return refuse(response, 413, 'The request is larger than 11 MB.');
      chunks.push(chunk);
    }
  } catch {
    return; // the client went away
  }
  const body = Buffer.concat(chunks);
  const refusal = refuseActionBody(request.headers['content-type'], body);
  if (refusal) return refuse(response, refusal.status, refusal.message);
  const replay = new http.IncomingMessage(request.socket);
  Object.assign(replay, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
  });
  // Complete, as the HTTP parser would mark it: an incomplete IncomingMessage destroys its
  // socket when it is destroyed, which would cut the response off.
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  await handle(replay, response);
}

function refuse(response, status, message) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(message);
}
// Like `next start`: idle keep-alive connections are kept a little longer than a typical proxy's.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname ?? 'localhost'}:${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
