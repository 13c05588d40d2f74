/**
 * A floor for the benchmarks: the hub's own statements served over bare HTTP (node:http, a `pg` pool of
 * CONNECTIONS, the rows as JSON) — what answering a question over HTTP costs at the least, with no GraphQL,
 * no validation, no mapping. Run as its own process (as the hub is), loaded by the same client as the hub.
 * Reads `{ "<key>": { "text": …, "values": […] } }` on stdin; POST `{ "key": "<key>" }` to /graphql runs
 * that statement. Prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import pg from 'pg';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const statements = JSON.parse(input) as Record<string, { text: string; values: unknown[] }>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const s = statements[(JSON.parse(body) as { key: string }).key];
    if (!s) {
      res.writeHead(404).end();
      return;
    }
    pool.query({ text: s.text, values: s.values, rowMode: 'array' }).then(
      (r) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: r.rows }));
      },
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
