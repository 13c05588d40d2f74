/** Writes the SDL the code builds into packages/schema/schema.graphql (the committed contract). */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { unconnectedHubOrm } from '../app/orm.js';
import { printHubSchema } from '../app/schema.js';

const target = createRequire(import.meta.url).resolve('@party-hub/schema/schema.graphql');
await writeFile(target, await printHubSchema(unconnectedHubOrm().getMetadata()));
console.log(`wrote ${target}`);
