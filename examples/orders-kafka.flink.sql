-- Orders from Kafka, revenue per product per minute back to Kafka (event time, one-minute tumbling windows),
-- and every large order to an alerts topic. Preview and test it without any Kafka: orders-kafka.mocks.yaml feeds
-- the source from fixtures/orders.csv, and orders-kafka.test.yaml checks what each sink would receive.
CREATE TABLE orders (
  order_id   BIGINT,
  product    STRING,
  amount     DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'kafka:9092',
  'properties.group.id' = 'revenue',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE revenue_per_minute (
  window_start TIMESTAMP(3),
  product      STRING,
  orders       BIGINT,
  revenue      DECIMAL(38, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'revenue-per-minute',
  'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json'
);

CREATE TABLE large_orders (
  order_id BIGINT,
  product  STRING,
  amount   DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'large-orders',
  'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json'
);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO revenue_per_minute
  SELECT window_start, product, COUNT(*), SUM(amount)
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end, product;

  INSERT INTO large_orders
  SELECT order_id, product, amount
  FROM orders
  WHERE amount >= 100;
END;
