-- SYNTAX TEST "source.flink-sql" "DDL: tables, columns, types, constraints, options, other objects"
CREATE TABLE IF NOT EXISTS `my_catalog`.`my_db`.Orders (
--           ^^ keyword.other.ddl.flink-sql
--              ^^^ keyword.other.ddl.flink-sql
--                  ^^^^^^ keyword.other.ddl.flink-sql
--                         ^^^^^^^^^^^^ entity.name.table.flink-sql variable.other.quoted.flink-sql
--                                     ^ entity.name.table.flink-sql punctuation.separator.period.flink-sql
--                                              ^^^^^^ entity.name.table.flink-sql
    `user` BIGINT NOT NULL COMMENT 'user id',
--  ^^^^^^ variable.other.quoted.flink-sql - keyword.other.utility.flink-sql
--         ^^^^^^ storage.type.flink-sql
--                ^^^ keyword.operator.logical.flink-sql
--                    ^^^^ constant.language.null.flink-sql
--                         ^^^^^^^ keyword.other.ddl.flink-sql
--                                 ^^^^^^^^^ string.quoted.single.flink-sql
    product VARCHAR(32),
--          ^^^^^^^ storage.type.flink-sql
--                  ^^ constant.numeric.flink-sql
    price DECIMAL(10, 2),
--        ^^^^^^^ storage.type.flink-sql
--                ^^ constant.numeric.flink-sql
    tags ARRAY<STRING>,
--       ^^^^^ meta.type.parameters.flink-sql storage.type.flink-sql
--            ^ meta.type.parameters.flink-sql punctuation.definition.typeparameters.begin.flink-sql - keyword.operator.comparison.flink-sql
--             ^^^^^^ meta.type.parameters.flink-sql storage.type.flink-sql
--                   ^ meta.type.parameters.flink-sql punctuation.definition.typeparameters.end.flink-sql - keyword.operator.comparison.flink-sql
    attrs MAP<STRING, ROW<k INT, v MULTISET<DOUBLE>>>,
--        ^^^ storage.type.flink-sql
--                    ^^^ meta.type.parameters.flink-sql storage.type.flink-sql
--                          ^^^ storage.type.flink-sql
--                                 ^^^^^^^^ storage.type.flink-sql
--                                          ^^^^^^ storage.type.flink-sql
--                                                ^^^ punctuation.definition.typeparameters.end.flink-sql - keyword.operator.comparison.flink-sql
    blob BYTES, flag BOOLEAN, tiny TINYINT, small SMALLINT, i INTEGER, f FLOAT, d DATE, t TIME(0),
--       ^^^^^ storage.type.flink-sql
--                   ^^^^^^^ storage.type.flink-sql
--                                 ^^^^^^^ storage.type.flink-sql
--                                                ^^^^^^^^ storage.type.flink-sql
--                                                            ^^^^^^^ storage.type.flink-sql
--                                                                       ^^^^^ storage.type.flink-sql
--                                                                                ^^^^ storage.type.flink-sql
--                                                                                        ^^^^ storage.type.flink-sql
    raw_col RAW('java.lang.String', 'AEdyYWRsZQ=='),
--  ^^^^^^^ source.flink-sql - storage.type.flink-sql
--          ^^^ storage.type.flink-sql
    order_time TIMESTAMP(3),
--             ^^^^^^^^^ storage.type.flink-sql
    ltz TIMESTAMP_LTZ(3),
--      ^^^^^^^^^^^^^ storage.type.flink-sql
    ts TIMESTAMP(3) WITH LOCAL TIME ZONE,
--                  ^^^^ storage.type.flink-sql - keyword.other.ddl.flink-sql meta.options.flink-sql
--                       ^^^^^ storage.type.flink-sql
--                                  ^^^^ storage.type.flink-sql
    cost AS price * quantity,
--       ^^ keyword.other.query.flink-sql
--                ^ keyword.operator.arithmetic.flink-sql
    `partition` BIGINT METADATA VIRTUAL,
--                     ^^^^^^^^ keyword.other.ddl.flink-sql
--                              ^^^^^^^ keyword.other.ddl.flink-sql
    event_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
--                                       ^^^^ keyword.other.query.flink-sql
--                                            ^^^^^^^^^^^ string.quoted.single.flink-sql - support.type.property-name.flink-sql
    proc AS PROCTIME(),
--          ^^^^^^^^ entity.name.function.flink-sql
    WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
--  ^^^^^^^^^ keyword.other.ddl.flink-sql
--            ^^^ keyword.other.query.flink-sql
--                                         ^ keyword.operator.arithmetic.flink-sql
--                                           ^^^^^^^^ storage.type.flink-sql
--                                                    ^^^ string.quoted.single.flink-sql
--                                                        ^^^^^^ keyword.other.unit.flink-sql
    CONSTRAINT pk PRIMARY KEY (`user`) NOT ENFORCED
--  ^^^^^^^^^^ keyword.other.ddl.flink-sql
--                ^^^^^^^ keyword.other.ddl.flink-sql
--                        ^^^ keyword.other.ddl.flink-sql
--                                     ^^^ keyword.other.ddl.flink-sql
--                                         ^^^^^^^^ keyword.other.ddl.flink-sql
) COMMENT 'orders table'
-- <~~------- keyword.other.ddl.flink-sql
DISTRIBUTED BY HASH(`user`) INTO 4 BUCKETS
-- <----------- keyword.other.ddl.flink-sql
--          ^^ keyword.other.query.flink-sql
--             ^^^^ keyword.other.ddl.flink-sql
--                               ^ constant.numeric.flink-sql
--                                 ^^^^^^^ keyword.other.ddl.flink-sql
PARTITIONED BY (`user`)
-- <----------- keyword.other.ddl.flink-sql
WITH (
-- <---- keyword.other.ddl.flink-sql
--   ^ meta.options.flink-sql punctuation.section.options.begin.flink-sql
    'connector' = 'kafka',
--  ^^^^^^^^^^^ meta.options.flink-sql support.type.property-name.flink-sql
--                ^^^^^^^ meta.options.flink-sql string.quoted.single.flink-sql
--                       ^ meta.options.flink-sql punctuation.separator.comma.flink-sql
    -- options may carry comments
--  ^^ meta.options.flink-sql comment.line.double-dash.flink-sql
    'properties.bootstrap.servers' = 'localhost:9092',
--  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.type.property-name.flink-sql - string.quoted.single.flink-sql
--                                   ^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql - support.type.property-name.flink-sql
    'value.format'='json', 'json.ignore-parse-errors' = 'true',
--  ^^^^^^^^^^^^^^ support.type.property-name.flink-sql
--                 ^^^^^^ string.quoted.single.flink-sql
--                         ^^^^^^^^^^^^^^^^^^^^^^^^^^ support.type.property-name.flink-sql
--                                                      ^^^^^^ string.quoted.single.flink-sql - constant.language.boolean.flink-sql
    'scan.startup.mode' = 'it''s = fine'
--  ^^^^^^^^^^^^^^^^^^^ support.type.property-name.flink-sql
--                        ^^^ string.quoted.single.flink-sql
--                           ^^ string.quoted.single.flink-sql constant.character.escape.flink-sql
--                             ^^^^^^^^^ string.quoted.single.flink-sql - keyword.operator.assignment.flink-sql support.type.property-name.flink-sql
)
-- <- meta.options.flink-sql punctuation.section.options.end.flink-sql
LIKE Orders_base (EXCLUDING ALL INCLUDING WATERMARKS OVERWRITING OPTIONS);
-- <---- keyword.other.ddl.flink-sql
--   ^^^^^^^^^^^ entity.name.table.flink-sql - entity.name.function.flink-sql
--                ^^^^^^^^^ keyword.other.ddl.flink-sql
--                              ^^^^^^^^^ keyword.other.ddl.flink-sql
--                                                   ^^^^^^^^^^^ keyword.other.ddl.flink-sql
--                                                               ^^^^^^^ keyword.other.ddl.flink-sql - meta.options.flink-sql

create table lower_case (id int) with ('connector' = 'datagen');
-- <------ keyword.other.ddl.flink-sql
--     ^^^^^ keyword.other.ddl.flink-sql
--           ^^^^^^^^^^ entity.name.table.flink-sql
--                          ^^^ storage.type.flink-sql
--                               ^^^^ keyword.other.ddl.flink-sql
--                                     ^^^^^^^^^^^ support.type.property-name.flink-sql
--                                                   ^^^^^^^^^ string.quoted.single.flink-sql

CREATE OR REPLACE TABLE my_rtas_table
--     ^^ keyword.other.ddl.flink-sql
--        ^^^^^^^ keyword.other.ddl.flink-sql
--                      ^^^^^^^^^^^^^ entity.name.table.flink-sql
WITH ('connector' = 'kafka')
--    ^^^^^^^^^^^ support.type.property-name.flink-sql
AS SELECT id, name FROM source_table;
-- <-- keyword.other.query.flink-sql

CREATE CATALOG my_catalog WITH ('type' = 'generic_in_memory');
--     ^^^^^^^ keyword.other.ddl.flink-sql
--             ^^^^^^^^^^ entity.name.namespace.flink-sql
--                              ^^^^^^ support.type.property-name.flink-sql
CREATE DATABASE IF NOT EXISTS db1 COMMENT 'db' WITH ('k1' = 'v1');
--     ^^^^^^^^ keyword.other.ddl.flink-sql
--                            ^^^ entity.name.namespace.flink-sql
--                                                   ^^^^ support.type.property-name.flink-sql
--                                                          ^^^^ string.quoted.single.flink-sql
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS parse_json AS 'com.example.ParseJson' LANGUAGE JAVA;
--               ^^^^^^ keyword.other.ddl.flink-sql
--                      ^^^^^^^^ keyword.other.ddl.flink-sql
--                                             ^^^^^^^^^^ entity.name.function.flink-sql
--                                                           ^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql
--                                                                                   ^^^^^^^^ keyword.other.ddl.flink-sql
--                                                                                            ^^^^ keyword.other.ddl.flink-sql
CREATE VIEW v_orders (id, price) COMMENT 'v' AS SELECT id, price FROM Orders;
--     ^^^^ keyword.other.ddl.flink-sql
--          ^^^^^^^^ entity.name.table.flink-sql

CREATE MODEL sentiment_analysis_model
--     ^^^^^ keyword.other.ddl.flink-sql
--           ^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.flink-sql
INPUT (text STRING COMMENT 'Input text for sentiment analysis')
-- <----- keyword.other.ddl.flink-sql
OUTPUT (sentiment STRING)
-- <------ keyword.other.ddl.flink-sql
WITH (
    'provider' = 'openai',
--  ^^^^^^^^^^ support.type.property-name.flink-sql
    'endpoint' = 'https://api.openai.com/v1/chat/completions'
--               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql - comment.line.double-dash.flink-sql
);

CREATE MATERIALIZED TABLE continuous_users_shops
--     ^^^^^^^^^^^^ keyword.other.ddl.flink-sql
--                        ^^^^^^^^^^^^^^^^^^^^^^ entity.name.table.flink-sql
PARTITIONED BY (ds)
FRESHNESS = INTERVAL '30' SECOND
-- <--------- keyword.other.ddl.flink-sql
--        ^ keyword.operator.comparison.flink-sql
--                   ^^^^ string.quoted.single.flink-sql
AS SELECT user_id, ds FROM source_table;
--        ^^^^^^^ source.flink-sql - keyword.other.utility.flink-sql

ALTER MATERIALIZED TABLE continuous_users_shops SUSPEND;
-- <----- keyword.other.ddl.flink-sql
--                       ^^^^^^^^^^^^^^^^^^^^^^ entity.name.table.flink-sql
--                                              ^^^^^^^ keyword.other.ddl.flink-sql
ALTER TABLE MyTable SET ('connector' = 'filesystem', 'path' = '/tmp/x');
--          ^^^^^^^ entity.name.table.flink-sql
--                  ^^^ keyword.other.ddl.flink-sql
--                       ^^^^^^^^^^^ meta.options.flink-sql support.type.property-name.flink-sql
--                                     ^^^^^^^^^^^^ meta.options.flink-sql string.quoted.single.flink-sql
--                                                   ^^^^^^ support.type.property-name.flink-sql
ALTER TABLE MyTable RESET ('path', 'format');
--                  ^^^^^ keyword.other.ddl.flink-sql
--                         ^^^^^^ meta.options.flink-sql support.type.property-name.flink-sql - string.quoted.single.flink-sql
--                                 ^^^^^^^^ meta.options.flink-sql support.type.property-name.flink-sql - string.quoted.single.flink-sql
ALTER TABLE MyTable ADD PARTITION (p1=1,p2='a') with ('k1'='v1');
--                  ^^^ keyword.other.ddl.flink-sql
--                      ^^^^^^^^^ keyword.other.dml.flink-sql
--                                         ^^^ string.quoted.single.flink-sql - support.type.property-name.flink-sql
--                                                    ^^^^ support.type.property-name.flink-sql
--                                                         ^^^^ string.quoted.single.flink-sql
ALTER TABLE MyTable RENAME request_body TO payload;
--                  ^^^^^^ keyword.other.ddl.flink-sql
--                                      ^^ keyword.other.query.flink-sql
DROP TEMPORARY TABLE IF EXISTS db1.Orders;
-- <---- keyword.other.ddl.flink-sql
--                      ^^^^^^ keyword.other.ddl.flink-sql
--                             ^^^ entity.name.table.flink-sql
--                                 ^^^^^^ entity.name.table.flink-sql
