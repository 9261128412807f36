// Keyword vocabularies offered by completion: statement starters, what may follow a statement's first words,
// clause continuations, expression keywords and Flink's data types.

/** What a statement can start with (Flink SQL client and gateway statements). */
export const STATEMENT_STARTERS = [
  'SELECT', 'INSERT INTO', 'INSERT OVERWRITE', 'WITH', 'CREATE TABLE', 'CREATE TEMPORARY TABLE', 'CREATE VIEW',
  'CREATE TEMPORARY VIEW', 'CREATE FUNCTION', 'CREATE TEMPORARY FUNCTION', 'CREATE CATALOG', 'CREATE DATABASE',
  'CREATE MATERIALIZED TABLE', 'ALTER TABLE', 'DROP TABLE', 'DROP VIEW', 'SET', 'RESET', 'USE', 'USE CATALOG',
  'SHOW TABLES', 'SHOW CATALOGS', 'SHOW DATABASES', 'SHOW FUNCTIONS', 'SHOW JOBS', 'DESCRIBE', 'EXPLAIN',
  'EXECUTE STATEMENT SET', 'BEGIN STATEMENT SET', 'END', 'LOAD MODULE', 'ADD JAR', 'STOP JOB', 'VALUES',
];

/** Inside `EXECUTE STATEMENT SET BEGIN … END` / `BEGIN STATEMENT SET; … END;`. */
export const BLOCK_STARTERS = ['INSERT INTO', 'INSERT OVERWRITE', 'END'];

/** The words a statement prefix may be followed by, keyed by the prefix's upper-case words. */
export const NEXT_WORDS: Record<string, string[]> = {
  'CREATE': ['TABLE', 'TEMPORARY TABLE', 'VIEW', 'TEMPORARY VIEW', 'FUNCTION', 'TEMPORARY FUNCTION', 'TEMPORARY SYSTEM FUNCTION', 'CATALOG', 'DATABASE', 'OR REPLACE TABLE', 'MATERIALIZED TABLE', 'MODEL', 'TEMPORARY MODEL'],
  'CREATE TEMPORARY': ['TABLE', 'VIEW', 'FUNCTION', 'SYSTEM FUNCTION', 'MODEL'],
  'CREATE TEMPORARY SYSTEM': ['FUNCTION'],
  'CREATE OR': ['REPLACE', 'ALTER MATERIALIZED TABLE'],
  'CREATE OR REPLACE': ['TABLE', 'TEMPORARY TABLE'],
  'CREATE OR REPLACE TEMPORARY': ['TABLE'],
  'CREATE MATERIALIZED': ['TABLE'],
  'REPLACE': ['TABLE'],
  'DROP': ['TABLE', 'TEMPORARY TABLE', 'VIEW', 'TEMPORARY VIEW', 'FUNCTION', 'TEMPORARY FUNCTION', 'TEMPORARY SYSTEM FUNCTION', 'CATALOG', 'DATABASE', 'MATERIALIZED TABLE', 'MODEL'],
  'DROP TEMPORARY': ['TABLE', 'VIEW', 'FUNCTION', 'SYSTEM FUNCTION', 'MODEL'],
  'ALTER': ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MATERIALIZED TABLE', 'MODEL'],
  'INSERT': ['INTO', 'OVERWRITE'],
  'EXECUTE': ['STATEMENT SET', 'INSERT INTO', 'INSERT OVERWRITE', 'PLAN'],
  'EXECUTE STATEMENT': ['SET'],
  'EXECUTE STATEMENT SET': ['BEGIN'],
  'BEGIN': ['STATEMENT SET'],
  'BEGIN STATEMENT': ['SET'],
  'EXPLAIN': ['SELECT', 'INSERT INTO', 'STATEMENT SET', 'PLAN FOR', 'ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE'],
  'SHOW': ['CATALOGS', 'CURRENT CATALOG', 'DATABASES', 'CURRENT DATABASE', 'TABLES', 'VIEWS', 'FUNCTIONS', 'USER FUNCTIONS', 'MODULES', 'FULL MODULES', 'JARS', 'JOBS', 'CREATE TABLE', 'CREATE VIEW', 'COLUMNS FROM', 'MATERIALIZED TABLES', 'MODELS', 'PROCEDURES', 'PARTITIONS'],
  'SHOW CURRENT': ['CATALOG', 'DATABASE'],
  'SHOW CREATE': ['TABLE', 'VIEW', 'MATERIALIZED TABLE', 'CATALOG', 'MODEL'],
  'SHOW COLUMNS': ['FROM', 'IN'],
  'USE': ['CATALOG', 'MODULES'],
  'LOAD': ['MODULE'],
  'UNLOAD': ['MODULE'],
  'ADD': ['JAR'],
  'REMOVE': ['JAR'],
  'STOP': ['JOB'],
  'TRUNCATE': ['TABLE'],
  'ANALYZE': ['TABLE'],
};

/** Prefixes after which a table or view name comes. */
export const TABLE_NAME_PREFIXES = new Set([
  'DROP TABLE', 'DROP TEMPORARY TABLE', 'DROP VIEW', 'DROP TEMPORARY VIEW', 'DROP MATERIALIZED TABLE', 'DROP TABLE IF EXISTS',
  'DROP TEMPORARY TABLE IF EXISTS', 'DROP VIEW IF EXISTS', 'DROP TEMPORARY VIEW IF EXISTS', 'ALTER TABLE', 'ALTER TABLE IF EXISTS',
  'ALTER VIEW', 'ALTER MATERIALIZED TABLE', 'SHOW CREATE TABLE', 'SHOW CREATE VIEW', 'SHOW CREATE MATERIALIZED TABLE',
  'SHOW COLUMNS FROM', 'SHOW COLUMNS IN', 'SHOW PARTITIONS', 'DESCRIBE', 'DESC', 'DESCRIBE EXTENDED', 'DESC EXTENDED',
  'TRUNCATE TABLE', 'ANALYZE TABLE', 'INSERT INTO', 'INSERT OVERWRITE', 'UPSERT INTO',
]);

/** Keywords that may start or continue an expression operand. */
export const EXPRESSION_KEYWORDS = ['CASE', 'NOT', 'NULL', 'TRUE', 'FALSE', 'INTERVAL', 'EXISTS', 'DATE', 'TIMESTAMP', 'ARRAY', 'MAP', 'ROW'];

/** Keywords after a complete operand in a condition. */
export const OPERATOR_KEYWORDS = ['AND', 'OR', 'IS NULL', 'IS NOT NULL', 'NOT', 'IN', 'LIKE', 'BETWEEN', 'IS'];

export const JOIN_KEYWORDS = ['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN', 'INNER JOIN', 'CROSS JOIN', 'LEFT OUTER JOIN', 'CROSS JOIN UNNEST', 'LEFT JOIN LATERAL TABLE'];

/** Clauses of a SELECT in order; completion offers those after the current one. */
export const QUERY_CLAUSES = ['WHERE', 'GROUP BY', 'HAVING', 'WINDOW', 'QUALIFY', 'ORDER BY', 'LIMIT'];
export const SET_OPERATORS = ['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT'];

export const INTERVAL_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MILLISECOND', 'WEEK', 'DAY TO SECOND', 'YEAR TO MONTH'];

/** After a column's type in a CREATE TABLE schema. */
export const COLUMN_SUFFIXES = ['NOT NULL', 'NULL', 'METADATA', 'METADATA FROM', 'METADATA VIRTUAL', 'COMMENT', 'PRIMARY KEY NOT ENFORCED'];

/** Starting a new element of a CREATE TABLE schema (besides a column name). */
export const SCHEMA_ELEMENT_STARTERS = ['PRIMARY KEY', 'WATERMARK FOR', 'CONSTRAINT'];

/** Clauses of CREATE TABLE after its name / schema, in order. */
export const CREATE_TABLE_CLAUSES = ['COMMENT', 'DISTRIBUTED BY', 'PARTITIONED BY', 'WITH', 'LIKE', 'AS'];

export const LIKE_OPTIONS = ['INCLUDING', 'EXCLUDING', 'OVERWRITING'];
export { LIKE_FEATURES } from '../parser';

/** Flink SQL data types (docs/content/docs/dev/table/types.md), with their usual parameter forms. */
export const DATA_TYPES: { name: string; detail: string; snippet?: string }[] = [
  { name: 'STRING', detail: 'VARCHAR(2147483647)' },
  { name: 'VARCHAR', detail: 'VARCHAR(n): variable-length string', snippet: 'VARCHAR(${1:n})' },
  { name: 'CHAR', detail: 'CHAR(n): fixed-length string', snippet: 'CHAR(${1:n})' },
  { name: 'BOOLEAN', detail: 'TRUE, FALSE or UNKNOWN' },
  { name: 'TINYINT', detail: '1-byte signed integer' },
  { name: 'SMALLINT', detail: '2-byte signed integer' },
  { name: 'INT', detail: '4-byte signed integer' },
  { name: 'INTEGER', detail: '4-byte signed integer' },
  { name: 'BIGINT', detail: '8-byte signed integer' },
  { name: 'FLOAT', detail: '4-byte floating point' },
  { name: 'DOUBLE', detail: '8-byte floating point' },
  { name: 'DECIMAL', detail: 'DECIMAL(p, s): exact numeric', snippet: 'DECIMAL(${1:p}, ${2:s})' },
  { name: 'DATE', detail: 'year-month-day' },
  { name: 'TIME', detail: 'TIME(p): time of day without time zone' },
  { name: 'TIMESTAMP', detail: 'TIMESTAMP(p): timestamp without time zone', snippet: 'TIMESTAMP(${1:3})' },
  { name: 'TIMESTAMP_LTZ', detail: 'TIMESTAMP_LTZ(p): timestamp with local time zone', snippet: 'TIMESTAMP_LTZ(${1:3})' },
  { name: 'TIMESTAMP WITH LOCAL TIME ZONE', detail: 'TIMESTAMP(p) WITH LOCAL TIME ZONE' },
  { name: 'INTERVAL', detail: 'INTERVAL DAY TO SECOND(p) / YEAR TO MONTH' },
  { name: 'BYTES', detail: 'VARBINARY(2147483647)' },
  { name: 'BINARY', detail: 'BINARY(n): fixed-length binary string', snippet: 'BINARY(${1:n})' },
  { name: 'VARBINARY', detail: 'VARBINARY(n): variable-length binary string', snippet: 'VARBINARY(${1:n})' },
  { name: 'ARRAY', detail: 'ARRAY<t>', snippet: 'ARRAY<${1:STRING}>' },
  { name: 'MAP', detail: 'MAP<kt, vt>', snippet: 'MAP<${1:STRING}, ${2:STRING}>' },
  { name: 'MULTISET', detail: 'MULTISET<t>', snippet: 'MULTISET<${1:STRING}>' },
  { name: 'ROW', detail: 'ROW<name type, …>', snippet: 'ROW<${1:name} ${2:STRING}>' },
  { name: 'RAW', detail: "RAW('class', 'snapshot')" },
  { name: 'VARIANT', detail: 'semi-structured value (Flink 2.1+)' },
];
