// Regenerates schemas/*.schema.json from src/data/schema.ts (run `npm run schemas`).
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from '../dist/config/json-schema.js';

for (const [name, content] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), content);
  console.log(`schemas/${name}`);
}
