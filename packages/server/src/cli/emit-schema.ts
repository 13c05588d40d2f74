/** Writes the SDL the code builds into packages/schema/schema.graphql (the committed contract). */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { printHubSchema } from '../graphql/schema.js';

const target = createRequire(import.meta.url).resolve('@party-hub/schema/schema.graphql');
await writeFile(target, await printHubSchema());
console.log(`wrote ${target}`);
