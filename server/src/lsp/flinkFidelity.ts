// The language server's memory of statements Flink accepted although our parser did not (from Validate):
// their parser errors stay withdrawn until the statement's text changes. One instance per server process.
import { AcceptedByFlink } from '../flink/fidelity';

export const acceptedByFlink = new AcceptedByFlink();
