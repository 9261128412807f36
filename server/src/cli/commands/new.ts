// `flink-sql new`: scaffolds a draft as New Draft does — a SQL draft's script, a JAR draft's Maven project, or a
// PYTHON draft's PyFlink script — with
// its deployment config, in the current directory. Refuses a name that is taken (nothing is overwritten).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLINK_VERSIONS, isFlinkVersion } from '../../connectors/connectorCatalog';
import { DraftTypeNotReadyError, newDraftFiles } from '../../deployment/newDraft';
import { writeFileSafe } from '../../util/safeFs';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'Scaffold a draft: a SQL script, a JAR job\'s Maven project or a PyFlink script, with its deployment config',
  usage: `Usage: flink-sql new <name> [--type sql|jar|python] [--target session|per-job] [--flink-version 2.3|1.20] [--dir DIR]

Writes the files of a new draft into DIR (default: the current directory), as the editor's New Draft does:
  sql  <name>.flink.sql (a datagen → blackhole sample) and <name>.deployment.yaml
  jar  <name>/ (a Maven project: pom.xml with Flink's APIs provided, a DataStream job's main class) and
       <name>.deployment.yaml naming it (jar.project, jar.entryClass); validate, execute and publish build it
  python <name>.py (a PyFlink Table API job) and <name>.deployment.yaml naming it (python.file); validate,
       execute and publish run it with Flink's Python driver (a PyFlink environment is installed on first use)
Nothing is overwritten: a name whose files exist is refused.

Options:
  --type T           sql (default), jar or python
  --target T         session (default) or per-job
  --flink-version V  2.3 (default) or 1.20
  --dir DIR          Where to write (default: .)
  -h, --help         Show this help

Exit status: 0 written, 2 bad usage or a taken name.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      type: { type: 'string', default: 'sql' },
      target: { type: 'string', default: 'session' },
      'flink-version': { type: 'string', default: '2.3' },
      dir: { type: 'string', default: '.' },
    });
    const [name, ...extra] = positionals;
    if (!name || extra.length) throw new UsageError('give one draft name');
    if (!NAME.test(name) || name.length > 64) throw new UsageError(`draft name '${name}': letters, digits, _ and - only, starting with a letter (at most 64)`);
    const type = values.type.toUpperCase();
    if (type !== 'SQL' && type !== 'JAR' && type !== 'PYTHON') throw new UsageError(`unknown --type '${values.type}' (expected sql, jar or python)`);
    const target = values.target;
    if (target !== 'session' && target !== 'per-job') throw new UsageError(`unknown --target '${target}' (expected session or per-job)`);
    const flinkVersion = values['flink-version'];
    if (!isFlinkVersion(flinkVersion)) throw new UsageError(`unknown --flink-version '${flinkVersion}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    let files: Record<string, string>;
    try {
      files = newDraftFiles({ name, type, target, flinkVersion });
    } catch (e) {
      if (e instanceof DraftTypeNotReadyError) throw new UsageError(e.message);
      throw e;
    }
    const dir = path.resolve(values.dir);
    const taken = [`${name}.flink.sql`, `${name}.sql`, `${name}.deployment.yaml`, ...Object.keys(files)]
      .map((rel) => rel.split('/')[0]).filter((top) => fs.existsSync(path.join(dir, top)));
    if (taken.length) {
      io.stderr(`flink-sql new: ${[...new Set(taken)].join(', ')} already exist${taken.length === 1 ? 's' : ''} in ${dir}: choose another name (nothing written)\n`);
      return 2;
    }
    for (const [rel, text] of Object.entries(files)) {
      writeFileSafe(dir, path.join(dir, rel), text);
      io.stdout(`created ${path.join(values.dir, rel)}\n`);
    }
    return 0;
  },
};
