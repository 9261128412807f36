-- SYNTAX TEST "source.flink-sql" "DML, statement sets, SQL client SET/RESET and utility statements"
INSERT OVERWRITE country_page_view PARTITION (`date`='2019-8-30', country='China')
-- <------ keyword.other.dml.flink-sql
--     ^^^^^^^^^ keyword.other.dml.flink-sql
--               ^^^^^^^^^^^^^^^^^ entity.name.table.flink-sql
--                                 ^^^^^^^^^ keyword.other.dml.flink-sql
--                                            ^^^^^^ variable.other.quoted.flink-sql - storage.type.flink-sql
--                                                   ^^^^^^^^^^^ string.quoted.single.flink-sql
  SELECT `user`, cnt FROM page_view_source;
INSERT INTO students VALUES ('fred flintstone', 35, 1.28), ('barney rubble', 32, 2.32);
--          ^^^^^^^^ entity.name.table.flink-sql
--                   ^^^^^^ keyword.other.dml.flink-sql
--                           ^^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql
--                                                  ^^^^ constant.numeric.flink-sql
INSERT INTO `cat`.`db`.`my``table` (id, price) SELECT id, price FROM src;
--          ^^^^^ entity.name.table.flink-sql variable.other.quoted.flink-sql
--                     ^^^^^^^^^^^ entity.name.table.flink-sql variable.other.quoted.flink-sql
--                        ^^ constant.character.escape.flink-sql
INSERT INTO product_orders
SELECT p.name, o.order_id FROM orders o JOIN products p ON o.product_name = p.name
ON CONFLICT DO NOTHING;
-- ^^^^^^^^ keyword.other.dml.flink-sql
--          ^^ keyword.other.dml.flink-sql
--             ^^^^^^^ keyword.other.dml.flink-sql

EXECUTE STATEMENT SET
-- <------- keyword.other.dml.flink-sql
--      ^^^^^^^^^ keyword.other.dml.flink-sql
--                ^^^ keyword.other.dml.flink-sql - meta.options.flink-sql
BEGIN
-- <----- keyword.other.dml.flink-sql - meta.options.flink-sql
INSERT INTO pageviews SELECT page_id, COUNT(1) FROM pageview GROUP BY page_id;
-- <------ keyword.other.dml.flink-sql
INSERT INTO uniqueview SELECT page_id, COUNT(DISTINCT user_id) FROM pageview GROUP BY page_id;
END;
-- <--- keyword.other.query.flink-sql

BEGIN STATEMENT SET;
-- <----- keyword.other.dml.flink-sql
--              ^^^ keyword.other.dml.flink-sql
UPDATE t SET a = 1 WHERE id = 2;
-- <------ keyword.other.dml.flink-sql
--       ^^^ keyword.other.dml.flink-sql
--             ^ keyword.operator.comparison.flink-sql
DELETE FROM t WHERE id = 2;
-- <------ keyword.other.dml.flink-sql

SET 'execution.runtime-mode' = 'batch';
-- <--- keyword.other.dml.flink-sql
--  ^^^^^^^^^^^^^^^^^^^^^^^^ support.type.property-name.flink-sql - string.quoted.single.flink-sql
--                             ^^^^^^^ string.quoted.single.flink-sql - support.type.property-name.flink-sql
RESET 'execution.runtime-mode';
-- <----- keyword.other.dml.flink-sql
--    ^^^^^^^^^^^^^^^^^^^^^^^^ support.type.property-name.flink-sql
SET;
-- <--- keyword.other.dml.flink-sql
RESET;
-- <----- keyword.other.dml.flink-sql

EXPLAIN PLAN FOR SELECT * FROM t;
-- <------- keyword.other.utility.flink-sql
--      ^^^^ keyword.other.utility.flink-sql
EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN SELECT 1;
--      ^^^^^^^^^^^^^^ keyword.other.utility.flink-sql
--                                      ^^^^^^^^^^^^^^^^^^^ keyword.other.utility.flink-sql
SHOW TABLES FROM db1 LIKE '%t';
-- <---- keyword.other.utility.flink-sql
--   ^^^^^^ keyword.other.utility.flink-sql
--                   ^^^^ keyword.operator.word.flink-sql
SHOW CREATE TABLE db1.t;
--   ^^^^^^ keyword.other.ddl.flink-sql
--                    ^ entity.name.table.flink-sql
DESCRIBE Orders;
-- <-------- keyword.other.utility.flink-sql
USE CATALOG my_catalog;
-- <--- keyword.other.utility.flink-sql
--  ^^^^^^^ keyword.other.ddl.flink-sql
LOAD MODULE hive WITH ('hive-version' = '3.1.3');
-- <---- keyword.other.utility.flink-sql
--   ^^^^^^ keyword.other.utility.flink-sql
--                     ^^^^^^^^^^^^^^ support.type.property-name.flink-sql
ADD JAR '/path/hello.jar';
-- <--- keyword.other.ddl.flink-sql
--  ^^^ keyword.other.ddl.flink-sql
--      ^^^^^^^^^^^^^^^^^ string.quoted.single.flink-sql - comment.line.double-dash.flink-sql
STOP JOB '228d70913eab60dda85c5e7f78b5782c' WITH SAVEPOINT;
-- <---- keyword.other.utility.flink-sql
--   ^^^ keyword.other.utility.flink-sql
--                                          ^^^^ keyword.other.query.flink-sql - keyword.other.ddl.flink-sql
--                                               ^^^^^^^^^ keyword.other.utility.flink-sql
