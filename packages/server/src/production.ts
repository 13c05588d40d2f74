/**
 * Imported first by the entry points: graphql-js reads NODE_ENV when it loads and, unless it is
 * "production", checks every `instanceof` across realms (measured: a third of a list query's time).
 * An explicit NODE_ENV (e.g. development) is kept.
 */
process.env.NODE_ENV ??= 'production';
