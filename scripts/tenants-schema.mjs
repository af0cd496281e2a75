// Writes schemas/tenants.schema.json from the tenants file model in lib/private/tenants-spec.ts
// (test/tenants-file.test.ts fails when the committed file differs). Usage: node scripts/tenants-schema.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { bundle, root } = require('./bundle.cjs');
const { tenantsJsonSchema } = require(bundle('lib/private/tenants-schema.ts', 'tenants-schema'));
mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas', 'tenants.schema.json'), JSON.stringify(tenantsJsonSchema(), null, 2) + '\n');
console.log('wrote schemas/tenants.schema.json');
