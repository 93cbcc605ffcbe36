/**
 * A loopback feed server for the benchmarks, run as a child process so that serving feeds does not
 * share the poller's event loop. Usage: node feedServer.js <dir-with-feeds> <latencyMs>
 * Prints the port on stdout; serves GET /feed/<n> with <dir>/<n>.xml after <latencyMs>.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const [dir = '.', latencyText = '0'] = process.argv.slice(2);
const latency = Number(latencyText);
const cache = new Map<string, Buffer>();

const server = createServer((req, res) => {
  const m = /^\/feed\/(\d+)$/.exec(req.url ?? '');
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  const name = m[1] as string;
  let body = cache.get(name);
  if (!body) {
    try {
      body = readFileSync(join(dir, `${name}.xml`));
      cache.set(name, body);
    } catch {
      res.writeHead(404).end();
      return;
    }
  }
  const send = () =>
    res
      .writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        'content-length': String(body?.length ?? 0),
      })
      .end(body);
  if (latency > 0) setTimeout(send, latency);
  else send();
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
