-- SYNTAX TEST "source.flink-sql" "comments, hints, strings and identifiers across lines; words that look like keywords"
-- a line comment with SELECT and 'quotes'
-- <-- comment.line.double-dash.flink-sql punctuation.definition.comment.flink-sql
--                     ^^^^^^ comment.line.double-dash.flink-sql - keyword.other.query.flink-sql
--                                ^^^^^^^^ comment.line.double-dash.flink-sql - string.quoted.single.flink-sql
SELECT 1; // Calcite also takes // as a line comment
--        ^^ comment.line.double-dash.flink-sql
/* a block comment
-- <-- comment.block.flink-sql punctuation.definition.comment.begin.flink-sql - meta.hint.flink-sql
   spanning lines, FROM WHERE */ SELECT 2;
--                 ^^^^ comment.block.flink-sql - keyword.other.query.flink-sql
--                            ^^ comment.block.flink-sql punctuation.definition.comment.end.flink-sql
--                               ^^^^^^ keyword.other.query.flink-sql - comment.block.flink-sql
SELECT /*+ STATE_TTL('o' = '1d',
--     ^^^ meta.hint.flink-sql - comment.block.flink-sql
--         ^^^^^^^^^ entity.name.function.hint.flink-sql
--                   ^^^ support.type.property-name.flink-sql
--                         ^^^^ string.quoted.single.flink-sql
                     'p' = '12h') */ * FROM o JOIN p ON o.id = p.id;
--                   ^^^ meta.hint.flink-sql support.type.property-name.flink-sql
--                                ^^ meta.hint.flink-sql punctuation.definition.hint.end.flink-sql
--                                     ^^^^ keyword.other.query.flink-sql - meta.hint.flink-sql

SELECT 'a string -- not a comment /* nor this */', 'multi
--     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql - comment.line.double-dash.flink-sql comment.block.flink-sql
line string', `ident with ``ticks`` and 'quotes'`;
-- <------------ string.quoted.single.flink-sql
--            ^^^^^^ variable.other.quoted.flink-sql
--                        ^^ variable.other.quoted.flink-sql constant.character.escape.flink-sql
--                                      ^^^^^^^^ variable.other.quoted.flink-sql - string.quoted.single.flink-sql

SELECT user_id, `select`, `FROM`, Select_Count, created_at, keyspace, from_ts FROM t;
--     ^^^^^^^ source.flink-sql - keyword.other.utility.flink-sql
--              ^^^^^^^^ variable.other.quoted.flink-sql - keyword.other.query.flink-sql
--                        ^^^^^^ variable.other.quoted.flink-sql - keyword.other.query.flink-sql
--                                ^^^^^^^^^^^^ source.flink-sql - keyword.other.query.flink-sql
--                                              ^^^^^^^^^^ source.flink-sql - keyword.other.ddl.flink-sql
--                                                          ^^^^^^^^ source.flink-sql - keyword.other.ddl.flink-sql
--                                                                    ^^^^^^^ source.flink-sql - keyword.other.query.flink-sql

sElEcT N'unicode', U&'\0041', _utf8'x' fRoM t;
-- <------ keyword.other.query.flink-sql
--     ^ string.quoted.single.flink-sql storage.modifier.string-prefix.flink-sql
--                 ^^ string.quoted.single.flink-sql storage.modifier.string-prefix.flink-sql
--                            ^^^^^ string.quoted.single.flink-sql storage.modifier.string-prefix.flink-sql
--                                     ^^^^ keyword.other.query.flink-sql

CREATE TABLE t2 (a INT) WITH
--                      ^^^^ keyword.other.ddl.flink-sql
(
-- <- meta.options.flink-sql punctuation.section.options.begin.flink-sql
  'connector' = 'datagen'
-- <~~----------- meta.options.flink-sql support.type.property-name.flink-sql
);
-- <- meta.options.flink-sql punctuation.section.options.end.flink-sql
-- <~- - meta.options.flink-sql
WITH
-- <---- keyword.other.ddl.flink-sql
  cte AS (SELECT 'v' AS k)
-- <~~--- - meta.options.flink-sql support.type.property-name.flink-sql
--       ^ - meta.options.flink-sql
--               ^^^ string.quoted.single.flink-sql - meta.options.flink-sql support.type.property-name.flink-sql
SELECT k FROM cte;
