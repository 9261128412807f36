-- SYNTAX TEST "source.flink-sql" "the seed sample (examples/datagen-to-blackhole.flink.sql)"
CREATE TEMPORARY TABLE datagen_source(
-- <------ keyword.other.ddl.flink-sql
--     ^^^^^^^^^ keyword.other.ddl.flink-sql
--               ^^^^^ keyword.other.ddl.flink-sql
--                     ^^^^^^^^^^^^^^ entity.name.table.flink-sql
--                                   ^ - meta.options.flink-sql entity.name.function.flink-sql
  name VARCHAR
-- <~~---- source.flink-sql - keyword.other.ddl.flink-sql storage.type.flink-sql
--     ^^^^^^^ storage.type.flink-sql
) WITH (
-- <~~---- keyword.other.ddl.flink-sql
--     ^ meta.options.flink-sql punctuation.section.options.begin.flink-sql
  'connector' = 'datagen'
-- <~~----------- meta.options.flink-sql support.type.property-name.flink-sql - string.quoted.single.flink-sql
--            ^ meta.options.flink-sql keyword.operator.assignment.flink-sql
--              ^^^^^^^^^ meta.options.flink-sql string.quoted.single.flink-sql - support.type.property-name.flink-sql
);
-- <- meta.options.flink-sql punctuation.section.options.end.flink-sql
-- <~- punctuation.terminator.statement.flink-sql - meta.options.flink-sql
CREATE TEMPORARY TABLE blackhole_sink(
--                     ^^^^^^^^^^^^^^ entity.name.table.flink-sql
  name  VARCHAR
--      ^^^^^^^ storage.type.flink-sql
) with (
-- <~~---- keyword.other.ddl.flink-sql
  'connector' = 'blackhole'
-- <~~----------- support.type.property-name.flink-sql
--              ^^^^^^^^^^^ string.quoted.single.flink-sql
);
INSERT INTO blackhole_sink
-- <------ keyword.other.dml.flink-sql
--     ^^^^ keyword.other.dml.flink-sql
--          ^^^^^^^^^^^^^^ entity.name.table.flink-sql
SELECT
-- <------ keyword.other.query.flink-sql
  name
-- <~~---- source.flink-sql - keyword.other.query.flink-sql entity.name.function.flink-sql
from datagen_source;
-- <---- keyword.other.query.flink-sql
--   ^^^^^^^^^^^^^^ source.flink-sql - entity.name.table.flink-sql entity.name.function.flink-sql
--                 ^ punctuation.terminator.statement.flink-sql
