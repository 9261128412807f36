// What New Draft → PYTHON writes: a small PyFlink Table API job (generated orders, a running total per product,
// printed to the TaskManager's stdout) that runs unchanged on Flink 2.3 and 1.20 through Flink's Python driver.
// SQL through execute_sql and one statement set: the job Publish upgrades from a savepoint keeps its operators.

/** The script, `<name>.py` beside the deployment config. */
export function pythonDraftFile(draftName: string): string {
  const job = JSON.stringify(draftName);
  return `"""The PYTHON draft ${job}: a PyFlink Table API job (Flink SQL Studio runs it with Flink's Python driver).

Validate plans it without running it, Execute runs it on the local session cluster, Publish deploys it.
"""
import sys

from pyflink.table import EnvironmentSettings, TableEnvironment


def main(args):
    t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    t_env.get_config().set("pipeline.name", ${job})
    rows_per_second = args[0] if args else "1"

    t_env.execute_sql(f"""
        CREATE TEMPORARY TABLE orders (
          order_id BIGINT,
          product  STRING,
          amount   DOUBLE
        ) WITH (
          'connector' = 'datagen',
          'rows-per-second' = '{rows_per_second}',
          'fields.order_id.min' = '1',
          'fields.product.length' = '1',
          'fields.amount.min' = '1',
          'fields.amount.max' = '100'
        )""")
    t_env.execute_sql("""
        CREATE TEMPORARY TABLE totals (
          product STRING,
          orders  BIGINT,
          total   DOUBLE
        ) WITH ('connector' = 'print')""")

    # One statement set: add more INSERTs to it to run them as one job.
    statements = t_env.create_statement_set()
    statements.add_insert_sql("""
        INSERT INTO totals
        SELECT product, COUNT(*), SUM(amount) FROM orders GROUP BY product""")
    statements.execute()


if __name__ == "__main__":
    main(sys.argv[1:])
`;
}
