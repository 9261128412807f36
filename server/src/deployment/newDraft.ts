// The files of a new draft, as New Draft and `flink-sql new` write them: a SQL draft's script (the seed sample) or a
// JAR draft's Maven project (jar/jarScaffold.ts) or a PYTHON draft's PyFlink script (python/pythonScaffold.ts), and
// the deployment config beside it naming what it runs.
import { jarProjectFiles, jarProjectNames } from '../jar/jarScaffold';
import { pythonDraftFile } from '../python/pythonScaffold';
import type { FlinkVersion } from './fields';
import { renderDeploymentTemplate } from './template';

/** examples/datagen-to-blackhole.flink.sql (a unit test keeps the two the same). */
export const SEED_SAMPLE = `CREATE TEMPORARY TABLE datagen_source(
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
`;

export interface NewDraftOptions {
  name: string;
  type: 'SQL' | 'JAR' | 'PYTHON';
  target: 'per-job' | 'session';
  flinkVersion?: FlinkVersion;
}

export class DraftTypeNotReadyError extends Error {}

/** Relative path → content. The JAR draft's project is the folder `<name>/` beside its config; a PYTHON draft's script `<name>.py`. */
export function newDraftFiles(o: NewDraftOptions): Record<string, string> {
  const flinkVersion = o.flinkVersion ?? '2.3';
  const config = renderDeploymentTemplate({ ...o, flinkVersion });
  if (o.type === 'SQL') return { [`${o.name}.flink.sql`]: SEED_SAMPLE, [`${o.name}.deployment.yaml`]: config };
  if (o.type === 'JAR') {
    const files: Record<string, string> = { [`${o.name}.deployment.yaml`]: config };
    for (const [rel, text] of Object.entries(jarProjectFiles(o.name, flinkVersion))) files[`${o.name}/${rel}`] = text;
    return files;
  }
  if (o.type === 'PYTHON') return { [`${o.name}.py`]: pythonDraftFile(o.name), [`${o.name}.deployment.yaml`]: config };
  throw new DraftTypeNotReadyError(`${String(o.type)} drafts are not supported: create a SQL, JAR or PYTHON draft.`);
}

export { jarProjectNames };
