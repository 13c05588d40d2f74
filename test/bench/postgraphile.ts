/**
 * PostGraphile v5 with the connection-filter and aggregates plugins, as an analyst would run it
 * against the hub's database: the peer `pnpm bench` measures the hub against. A dev dependency of
 * the benchmark only. Usage: node bench/postgraphile.ts <database url> <port>
 */
import { createServer } from 'node:http';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

const [url, port] = process.argv.slice(2);
const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, PgAggregatesPreset],
  pgServices: [makePgService({ connectionString: url, schemas: ['public'] })],
  schema: { connectionFilterRelations: true },
  // What V4's ignoreIndexes did: filter, order and group by any column (pg-aggregates groups only by
  // orderable columns, and by default only indexed ones are) — how an analyst would configure it.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  grafserv: { graphiql: false },
};
const serv = postgraphile(preset).createServ(grafserv);
const server = createServer();
await serv.addTo(server);
server.listen(Number(port), '127.0.0.1', () => console.log(`postgraphile ready on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
