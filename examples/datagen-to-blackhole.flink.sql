CREATE TEMPORARY TABLE datagen_source(
  name VARCHAR
) WITH (
  'connector' = 'datagen'
);
CREATE TEMPORARY TABLE blackhole_sink(
  name  VARCHAR
) with (
  'connector' = 'blackhole'
);
INSERT INTO blackhole_sink
SELECT
  name
from datagen_source;
