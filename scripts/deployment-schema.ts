// `npm run schema:deployment`: writes schemas/deployment.schema.json from the zod schema (a unit test checks
// that the committed file is current).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deploymentJsonSchemaText } from '../server/src/deployment/jsonSchema';

const out = path.resolve(__dirname, '..', 'schemas', 'deployment.schema.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, deploymentJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
