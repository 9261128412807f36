-- SYNTAX TEST "source.flink-sql" "queries: hints, windows, joins, MATCH_RECOGNIZE, literals, operators"
SELECT /*+ BROADCAST(t1), OPTIONS('lookup.cache' = 'FULL') */ t1.id, COUNT(*) AS cnt
-- <------ keyword.other.query.flink-sql
--     ^^^ meta.hint.flink-sql punctuation.definition.hint.begin.flink-sql - comment.block.flink-sql
--         ^^^^^^^^^ meta.hint.flink-sql entity.name.function.hint.flink-sql - comment.block.flink-sql
--                   ^^ meta.hint.flink-sql - comment.block.flink-sql
--                        ^^^^^^^ meta.hint.flink-sql entity.name.function.hint.flink-sql
--                                ^^^^^^^^^^^^^^ meta.hint.flink-sql meta.options.flink-sql support.type.property-name.flink-sql
--                                                 ^^^^^^ meta.hint.flink-sql meta.options.flink-sql string.quoted.single.flink-sql
--                                                         ^^ meta.hint.flink-sql punctuation.definition.hint.end.flink-sql
--                                                            ^^ source.flink-sql - meta.hint.flink-sql
--                                                                   ^^^^^ entity.name.function.flink-sql
--                                                                            ^^ keyword.other.query.flink-sql
FROM t1 JOIN t2 ON t1.id = t2.id
-- <---- keyword.other.query.flink-sql
--      ^^^^ keyword.other.query.flink-sql
--              ^^ keyword.other.query.flink-sql
--                       ^ keyword.operator.comparison.flink-sql
WHERE t1.amount >= 10.5 AND t2.name <> 'x' OR NOT t2.flag
-- <----- keyword.other.query.flink-sql
--              ^^ keyword.operator.comparison.flink-sql
--                 ^^^^ constant.numeric.flink-sql
--                      ^^^ keyword.operator.logical.flink-sql
--                                  ^^ keyword.operator.comparison.flink-sql
--                                         ^^ keyword.operator.logical.flink-sql
--                                            ^^^ keyword.operator.logical.flink-sql
GROUP BY t1.id HAVING COUNT(*) > 1 ORDER BY cnt DESC LIMIT 10;
-- <----- keyword.other.query.flink-sql
--             ^^^^^^ keyword.other.query.flink-sql
--                             ^ keyword.operator.comparison.flink-sql
--                                 ^^^^^ keyword.other.query.flink-sql
--                                              ^^^^ keyword.other.query.flink-sql
--                                                   ^^^^^ keyword.other.query.flink-sql

SELECT window_start, window_end, SUM(price) AS total_price
--     ^^^^^^^^^^^^ source.flink-sql - keyword.other.window.flink-sql
--                               ^^^ entity.name.function.flink-sql
  FROM TABLE(
--     ^^^^^ keyword.other.ddl.flink-sql
    TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
--  ^^^^^^ keyword.other.window.flink-sql
--                    ^^^^^^^^^^ keyword.other.query.flink-sql
--                                         ^^^^^^^^ storage.type.flink-sql
--                                                  ^^^^ string.quoted.single.flink-sql
--                                                       ^^^^^^^ keyword.other.unit.flink-sql
  GROUP BY window_start, window_end;
SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES));
--                  ^^^ keyword.other.window.flink-sql
SELECT * FROM TABLE(CUMULATE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), STEP => INTERVAL '2' MINUTES, SIZE => INTERVAL '10' MINUTES));
--                  ^^^^^^^^ keyword.other.window.flink-sql
--                                ^^ keyword.operator.named-argument.flink-sql - keyword.operator.comparison.flink-sql
SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES));
--                  ^^^^^^^ keyword.other.window.flink-sql
SELECT TUMBLE_START(ts, INTERVAL '1' DAY), SESSION_USER FROM t GROUP BY TUMBLE(ts, INTERVAL '1' DAY);
--     ^^^^^^^^^^^^ keyword.other.window.flink-sql
--                                   ^^^ keyword.other.unit.flink-sql
--                                         ^^^^^^^^^^^^ support.function.builtin.flink-sql - keyword.other.window.flink-sql

SELECT o.order_id, r.rate
FROM Orders AS o
  LEFT JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r
-- <~~---- keyword.other.query.flink-sql
--                ^^^ keyword.other.query.flink-sql
--                    ^^^^^^^^^^^ keyword.other.query.flink-sql
--                                   ^^ keyword.other.query.flink-sql
  ON r.currency = o.currency;

SELECT * FROM Ticker
    MATCH_RECOGNIZE (
--  ^^^^^^^^^^^^^^^ keyword.other.match-recognize.flink-sql
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
--      ^^^^^^^^ keyword.other.match-recognize.flink-sql
            START_ROW.rowtime AS start_tstamp,
            LAST(PRICE_DOWN.rowtime) AS bottom_tstamp
--          ^^^^ keyword.other.query.flink-sql
        ONE ROW PER MATCH
--      ^^^ keyword.other.match-recognize.flink-sql
--          ^^^ keyword.other.match-recognize.flink-sql - storage.type.flink-sql
--              ^^^ keyword.other.match-recognize.flink-sql
--                  ^^^^^ keyword.other.match-recognize.flink-sql
        AFTER MATCH SKIP TO LAST PRICE_UP
--      ^^^^^ keyword.other.match-recognize.flink-sql
--                  ^^^^ keyword.other.match-recognize.flink-sql
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP) WITHIN INTERVAL '1' HOUR
--      ^^^^^^^ keyword.other.match-recognize.flink-sql
--                                   ^ keyword.operator.arithmetic.flink-sql
--                                               ^^^^^^ keyword.other.match-recognize.flink-sql
--                                                                   ^^^^ keyword.other.unit.flink-sql
        DEFINE
--      ^^^^^^ keyword.other.match-recognize.flink-sql
            PRICE_DOWN AS
                (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
--                                         ^^ keyword.operator.word.flink-sql
--                                            ^^^^ constant.language.null.flink-sql
--                                                                      ^ keyword.operator.comparison.flink-sql
                    PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
            PRICE_UP AS
                PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
    ) MR;

WITH orders_with_total AS (
-- <---- keyword.other.query.flink-sql - keyword.other.ddl.flink-sql
--                        ^ - meta.options.flink-sql
    SELECT order_id, price + tax AS total FROM Orders
--                         ^ keyword.operator.arithmetic.flink-sql
--                                             ^^^^^^ - meta.options.flink-sql
)
SELECT order_id, SUM(total) FROM orders_with_total GROUP BY order_id;

SELECT product, amount, ROW_NUMBER() OVER (PARTITION BY product ORDER BY amount DESC) AS rn
--                      ^^^^^^^^^^ entity.name.function.flink-sql
--                                   ^^^^ keyword.other.query.flink-sql
FROM Orders
WHERE product IN ('a', 'b') AND amount BETWEEN 1 AND 100 AND name LIKE 'x%' AND id NOT IN (SELECT id FROM t);
--            ^^ keyword.operator.word.flink-sql
--                                     ^^^^^^^ keyword.operator.word.flink-sql
--                                                                ^^^^ keyword.operator.word.flink-sql - entity.name.table.flink-sql

SELECT CAST(price AS DOUBLE) / 2 % 3, 'a' || 'b', TRUE, FALSE, NULL, UNKNOWN,
--     ^^^^ entity.name.function.flink-sql
--                   ^^^^^^ storage.type.flink-sql
--                           ^ keyword.operator.arithmetic.flink-sql
--                               ^ keyword.operator.arithmetic.flink-sql
--                                        ^^ keyword.operator.concatenator.flink-sql
--                                                ^^^^ constant.language.boolean.flink-sql
--                                                      ^^^^^ constant.language.boolean.flink-sql
--                                                             ^^^^ constant.language.null.flink-sql
--                                                                   ^^^^^^^ constant.language.boolean.flink-sql
  1e10, .5, 42, X'0AFF', DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00', CURRENT_TIMESTAMP,
-- <~~---- constant.numeric.flink-sql
--      ^^ constant.numeric.flink-sql
--          ^^ constant.numeric.flink-sql
--              ^ string.quoted.single.flink-sql storage.modifier.string-prefix.flink-sql
--                ^^^^ string.quoted.single.flink-sql
--                       ^^^^ storage.type.flink-sql
--                            ^^^^^^^^^^^^ string.quoted.single.flink-sql
--                                                                           ^^^^^^^^^^^^^^^^^ support.function.builtin.flink-sql
  ARRAY[1, 2], MAP['k', 1], ROW(1, 'a'), t1.col_2, CASE WHEN a THEN b ELSE c END
-- <~~----- support.function.constructor.flink-sql
--             ^^^ support.function.constructor.flink-sql
--                          ^^^ storage.type.flink-sql
--                                          ^^^^^ source.flink-sql - constant.numeric.flink-sql
--                                                 ^^^^ keyword.other.query.flink-sql
--                                                      ^^^^ keyword.other.query.flink-sql
--                                                             ^^^^ keyword.other.query.flink-sql
--                                                                    ^^^^ keyword.other.query.flink-sql
--                                                                           ^^^ keyword.other.query.flink-sql
FROM t1 CROSS JOIN UNNEST(tags) AS T (tag)
--      ^^^^^ keyword.other.query.flink-sql
--                 ^^^^^^ keyword.other.query.flink-sql
UNION ALL
-- <----- keyword.other.query.flink-sql
--    ^^^ keyword.other.query.flink-sql
SELECT DISTINCT a FROM t2;
--     ^^^^^^^^ keyword.other.query.flink-sql
