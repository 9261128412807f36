// "Did you mean" for a table name the draft does not define: the closest of the draft's table names, remembered
// per name and brought up to date by the names that came and went since the last keystroke, so renaming one
// table in a draft of hundreds does not compare every undefined name with every table again.
import { closest } from '../connectors/connectorCatalog';

const MAX_REMEMBERED = 5000;
/** More names changed than this (another draft, a paste): start over rather than patch. */
const MAX_PATCHED = 64;

export class NameSuggestions {
  private names: readonly string[] = [];
  private known = new Set<string>();
  private readonly best = new Map<string, string | undefined>();

  /** The closest of `names` to `word` (closest()'s rule: fewest edits, then the first in sort order), if close enough. */
  suggest(word: string, names: readonly string[]): string | undefined {
    this.moveTo(names);
    if (this.best.has(word)) return this.best.get(word);
    const found = closest(word, names);
    if (this.best.size >= MAX_REMEMBERED) this.best.clear();
    this.best.set(word, found);
    return found;
  }

  private moveTo(names: readonly string[]): void {
    if (names === this.names || (names.length === this.names.length && names.every((n, i) => n === this.names[i]))) {
      this.names = names;
      return;
    }
    const next = new Set(names);
    const added = names.filter((n) => !this.known.has(n));
    const removed = new Set([...this.known].filter((n) => !next.has(n)));
    if (added.length + removed.size > MAX_PATCHED) {
      this.best.clear();
    } else {
      // The old best is the closest among the names that stayed (it was among a superset); only added ones can beat it.
      for (const [word, old] of this.best) {
        if (old !== undefined && removed.has(old)) this.best.delete(word);
        else if (added.length) this.best.set(word, closest(word, old === undefined ? added : [old, ...added]));
      }
    }
    this.names = names;
    this.known = next;
  }
}
