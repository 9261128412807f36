// Which of Flink's streaming SQL operators keep keyed state, and how it is freed: by the state TTL
// (`table.exec.state.ttl`, STATE_TTL hints) or by time (watermarks / window ends). Pure data, per operator kind.

/**
 * Exec nodes that declare their state with a TTL (`StateMetadata`) in Flink 2.3's and 1.20's planner
 * (`javap` of `org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExec*`: ChangelogNormalize, Deduplicate,
 * Global/Incremental/GroupAggregate, Join, Limit, LookupJoin, MultiJoin (2.3), Rank, Sink, SortLimit), by the names
 * their operators carry in the stream graph. LookupJoin and Sink keep state only in some modes: their state shows
 * as a SinkMaterializer operator, or not at all, so they are not listed; the TTL-cleaned table aggregates are.
 */
const TTL_STATE = new Set([
  'ChangelogNormalize', 'Deduplicate', 'GlobalGroupAggregate', 'GroupAggregate', 'IncrementalGroupAggregate', 'Join',
  'MultiJoin', 'Limit', 'Rank', 'SortLimit', 'SinkMaterializer', 'GroupTableAggregate', 'PythonGroupAggregate',
  'PythonGroupTableAggregate',
]);

/** Operators whose state lives until the watermark (or the processing time) passes a window or interval. */
const TIME_STATE = new Set([
  'WindowAggregate', 'GlobalWindowAggregate', 'GroupWindowAggregate', 'WindowRank', 'WindowDeduplicate', 'WindowJoin',
  'IntervalJoin', 'TemporalJoin', 'OverAggregate', 'Match', 'TemporalSort', 'PythonGroupWindowAggregate', 'PythonOverAggregate',
]);

export type StateCleanup = 'ttl' | 'time';

/** How an operator of `kind` keeps state, or undefined when it keeps none (or only buffers, like local aggregates). */
export function stateCleanup(kind: string): StateCleanup | undefined {
  if (TTL_STATE.has(kind)) return 'ttl';
  if (TIME_STATE.has(kind)) return 'time';
  return undefined;
}
