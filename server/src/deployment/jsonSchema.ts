// The JSON Schema of `<name>.deployment.yaml`, generated from the zod schema (zod 4's toJSONSchema, input side:
// what may be written, with defaults). schemas/deployment.schema.json is this, written by `npm run schema:deployment`.
import * as z from 'zod';
import { deploymentSchema } from './schema';

export const DEPLOYMENT_SCHEMA_ID = 'https://flink-sql-studio.invalid/schemas/deployment.schema.json';

export function deploymentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(deploymentSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: DEPLOYMENT_SCHEMA_ID, title: 'Flink SQL Studio deployment configuration (<name>.deployment.yaml)' };
}

export function deploymentJsonSchemaText(): string {
  return `${JSON.stringify(deploymentJsonSchema(), null, 2)}\n`;
}
