// Zod schemas for the Flink SQL Gateway REST responses (v2+). Every body the gateway client reads is
// checked here, so a gateway of an unexpected version fails with a clear message instead of `undefined`s.
import { z } from 'zod';

export const apiVersionsSchema = z.object({ versions: z.array(z.string()) });

export const infoSchema = z.object({ productName: z.string(), version: z.string() });

export const sessionHandleSchema = z.object({ sessionHandle: z.string() });

export const sessionConfigSchema = z.object({ properties: z.record(z.string(), z.string()) });

export const operationHandleSchema = z.object({ operationHandle: z.string() });

/** Flink's `OperationStatus`; kept open (`string`) so a newer gateway's extra state does not break us. */
export const operationStatusSchema = z.object({ status: z.string() });

export const completeStatementSchema = z.object({ candidates: z.array(z.string()) });

/** Flink's LogicalTypeJsonSerializer: `type` is the type root; other fields depend on it. */
export interface LogicalTypeJson {
  type: string;
  nullable?: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  keyType?: LogicalTypeJson;
  valueType?: LogicalTypeJson;
  elementType?: LogicalTypeJson;
  fields?: { name: string; fieldType: LogicalTypeJson; description?: string }[];
  resolution?: string;
  fractionalPrecision?: number;
  class?: string;
}

export const logicalTypeSchema: z.ZodType<LogicalTypeJson> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    nullable: z.boolean().optional(),
    length: z.number().optional(),
    precision: z.number().optional(),
    scale: z.number().optional(),
    keyType: logicalTypeSchema.optional(),
    valueType: logicalTypeSchema.optional(),
    elementType: logicalTypeSchema.optional(),
    fields: z.array(z.object({ name: z.string(), fieldType: logicalTypeSchema, description: z.string().optional() })).optional(),
    resolution: z.string().optional(),
    fractionalPrecision: z.number().optional(),
    class: z.string().optional(),
  }),
);

export const columnInfoSchema = z.object({
  name: z.string(),
  logicalType: logicalTypeSchema,
  comment: z.string().nullish(),
});

export const rowKindSchema = z.enum(['INSERT', 'UPDATE_BEFORE', 'UPDATE_AFTER', 'DELETE']);

export const rowDataSchema = z.object({ kind: rowKindSchema, fields: z.array(z.unknown()) });

export const fetchResultsSchema = z.object({
  resultType: z.enum(['NOT_READY', 'PAYLOAD', 'EOS']),
  isQueryResult: z.boolean().optional(),
  jobID: z.string().optional(),
  resultKind: z.string().optional(),
  results: z
    .object({
      columns: z.array(columnInfoSchema),
      rowFormat: z.string().optional(),
      data: z.array(rowDataSchema),
    })
    .optional(),
  nextResultUri: z.string().optional(),
});

/** Every error the gateway answers with: `AbstractHandler` and `RestHandlerException` both use it. */
export const errorBodySchema = z.object({ errors: z.array(z.string()) });

export type ColumnInfo = z.infer<typeof columnInfoSchema>;
export type RowKind = z.infer<typeof rowKindSchema>;
export type RowData = z.infer<typeof rowDataSchema>;
export type FetchResults = z.infer<typeof fetchResultsSchema>;

/** A readable SQL spelling of a serialized logical type (`VARCHAR(2147483647)` → `STRING`). */
export function formatLogicalType(t: LogicalTypeJson): string {
  const notNull = t.nullable === false ? ' NOT NULL' : '';
  return baseTypeName(t) + notNull;
}

function baseTypeName(t: LogicalTypeJson): string {
  switch (t.type) {
    case 'INTEGER':
      return 'INT';
    case 'VARCHAR':
      return t.length === 2147483647 ? 'STRING' : `VARCHAR(${t.length ?? 1})`;
    case 'CHAR':
    case 'BINARY':
      return `${t.type}(${t.length ?? 1})`;
    case 'VARBINARY':
      return t.length === 2147483647 ? 'BYTES' : `VARBINARY(${t.length ?? 1})`;
    case 'DECIMAL':
      return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
    case 'TIME_WITHOUT_TIME_ZONE':
      return `TIME(${t.precision ?? 0})`;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return `TIMESTAMP(${t.precision ?? 6})`;
    case 'TIMESTAMP_WITH_TIME_ZONE':
      return `TIMESTAMP(${t.precision ?? 6}) WITH TIME ZONE`;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return `TIMESTAMP_LTZ(${t.precision ?? 6})`;
    case 'ARRAY':
    case 'MULTISET':
      return `${t.type}<${t.elementType ? formatLogicalType(t.elementType) : '?'}>`;
    case 'MAP':
      return `MAP<${t.keyType ? formatLogicalType(t.keyType) : '?'}, ${t.valueType ? formatLogicalType(t.valueType) : '?'}>`;
    case 'ROW':
      return `ROW<${(t.fields ?? []).map((f) => `\`${f.name}\` ${formatLogicalType(f.fieldType)}`).join(', ')}>`;
    case 'INTERVAL_YEAR_MONTH':
    case 'INTERVAL_DAY_TIME':
      return `INTERVAL ${(t.resolution ?? '').replace(/_/g, ' TO ')}`.trim();
    case 'RAW':
      return `RAW('${t.class ?? '?'}', ...)`;
    default:
      return t.type;
  }
}
