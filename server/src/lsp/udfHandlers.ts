// The LSP handler of flinkSql/registerUdfs: the candidate artifacts of a workspace, an artifact's functions, or the
// edits that register the chosen ones in a draft (statements after its SET statements, the jar in its dependencies).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { deploymentPathOf } from '../deployment';
import { RegisterUdfsRequest, type RegisterUdfsResult } from '../protocol';
import { jarDraftJars, listUdfs } from '../udf/artifacts';
import { registrationEdit, withDependency, type Registration } from '../udf/register';
import type { DocumentManager } from './documentManager';
import { errorText } from './flinkConnection';
import type { Runner } from './runSafe';

export function registerUdfHandlers(connection: Connection, docs: DocumentManager, runner: Runner, trusted: () => boolean = () => true): void {
  connection.onRequest(RegisterUdfsRequest, (params, token) => runner.request('flinkSql/registerUdfs', token,
    { ok: false, error: 'Registering UDFs failed; see the Flink SQL log.' } as RegisterUdfsResult, async (): Promise<RegisterUdfsResult> => {
      if (!params.uri.startsWith('file:')) return { ok: false, error: 'Save the draft as a file first: its UDF artifacts are paths beside it.' };
      const draft = fileURLToPath(params.uri);
      const flinkVersion = docs.flinkVersionOf(params.uri);
      if (!params.artifact) return { ok: true, flinkVersion, candidates: params.workspaceDir ? jarDraftJars(params.workspaceDir) : [] };
      const artifact = path.resolve(params.artifact);
      const python = /\.py$/i.test(artifact);
      if (!params.register) {
        // listing a jar's functions runs its classes' code
        if (!python && !trusted()) return { ok: false, flinkVersion, error: 'Listing a jar\'s functions runs code from it and needs a trusted workspace.' };
        try {
          const found = await listUdfs(artifact, path.dirname(draft), flinkVersion, { install: true });
          return { ok: true, flinkVersion, functions: found.functions, failed: found.failed, summary: found.summary };
        } catch (err) {
          return { ok: false, flinkVersion, error: errorText(err) };
        }
      }
      const text = docs.get(params.uri)?.getText() ?? fs.readFileSync(draft, 'utf8');
      const configPath = deploymentPathOf(draft);
      const hasConfig = fs.existsSync(configPath);
      const regs: Registration[] = params.register.map((r) => ({
        name: r.name, className: r.className, language: python ? 'python' : 'java',
        // without a deployment config to list it in, the statement names its own jar
        ...(!python && !hasConfig ? { usingJar: artifact } : {}),
      }));
      const edit = registrationEdit(text, regs, flinkVersion);
      const notes = edit.skipped.map((r) => `${r.name} is registered in the draft already: left as it is.`);
      let configEdit: RegisterUdfsResult['configEdit'];
      if (!python && hasConfig) {
        try {
          // the editor's text when the config is open (unsaved edits included), else the file's
          const configUri = pathToFileURL(configPath).toString();
          const next = withDependency(docs.get(configUri)?.getText() ?? fs.readFileSync(configPath, 'utf8'), configPath, artifact);
          if (next !== undefined) configEdit = { uri: configUri, text: next };
        } catch (err) {
          return { ok: false, flinkVersion, error: `${errorText(err)} (nothing was changed).` };
        }
      }
      if (python) notes.push('Validate, Execute and Publish ship the module beside the draft (python.files) with the PyFlink interpreter; the first run may ask to install PyFlink.');
      if (!python && !hasConfig) notes.push(`The draft has no ${path.basename(configPath)}: the statements name the jar with USING JAR.`);
      const lines = text.slice(0, edit.offset).split(/\r\n|\r|\n/);
      return {
        ok: true, flinkVersion, notes,
        ...(edit.text ? { draftEdit: { position: { line: lines.length - 1, character: lines[lines.length - 1].length }, text: edit.text } } : {}),
        ...(configEdit ? { configEdit } : {}),
      };
    }));
}
