// "Flink SQL: New Draft": asks name, type and deployment target, then writes the engine's files of that draft
// (deployment/newDraft.ts: a SQL script, a JAR draft's Maven project or a PYTHON draft's PyFlink script, and
// `<name>.deployment.yaml`) and opens the file to edit. Callers may pass the answers as an argument
// ({ name, type, target, folder }) to skip the prompts (tests, walkthrough).
import * as vscode from 'vscode';
import { newDraftFiles } from '../../../server/src/deployment/newDraft';
import type { CommandModule } from '../commandRegistry';
import type { DraftIndex } from '../drafts/draftIndex';
import {
  DEPLOYMENT_TARGETS, DRAFT_TYPES, checkDraftName, draftMainFile, type DeploymentTarget, type DraftType,
} from '../drafts/draftModel';
import { log } from '../log';

export const id = 'flinkSql.newDraft';

export interface NewDraftArgs {
  name?: string;
  type?: DraftType;
  target?: DeploymentTarget;
  /** Folder to create the draft in; defaults to the (first or picked) workspace folder. */
  folder?: vscode.Uri;
}

const TYPE_DETAIL: Record<DraftType, string> = {
  SQL: 'A Flink SQL script',
  JAR: 'A Java DataStream job: a Maven project built on Validate and Execute',
  PYTHON: 'A PyFlink Table API job: a Python script run with Flink\'s Python driver',
};
const TARGET_DETAIL: Record<DeploymentTarget, { label: string; detail: string }> = {
  'per-job': { label: 'Per-job cluster', detail: 'A dedicated cluster is started for this job' },
  session: { label: 'Session cluster', detail: 'The job is submitted to a running session cluster' },
};

async function pickFolder(args: NewDraftArgs): Promise<vscode.Uri | undefined> {
  if (args.folder) return args.folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error('Open a folder first: drafts are files in your workspace.');
  if (folders.length === 1) return folders[0]!.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new draft' }))?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function newDraftCommand(index: DraftIndex): CommandModule {
  return {
    id,
    handler: async (args: NewDraftArgs = {}): Promise<vscode.Uri | undefined> => {
      const folder = await pickFolder(args);
      if (!folder) return undefined;
      const taken = (await index.list()).map((d) => d.name);

      let name = args.name?.trim();
      if (name !== undefined) {
        const problem = checkDraftName(name, taken);
        if (problem) throw new Error(problem);
      } else {
        name = (await vscode.window.showInputBox({
          title: 'New Flink Draft (1/3): name',
          prompt: 'Letters, digits, "_" and "-"; unique in this workspace',
          placeHolder: 'orders_enrichment',
          validateInput: (v) => checkDraftName(v, taken),
          ignoreFocusOut: true,
        }))?.trim();
        if (!name) return undefined;
      }

      const type = args.type ?? (await vscode.window.showQuickPick(
        DRAFT_TYPES.map((t) => ({ label: t, detail: TYPE_DETAIL[t] })),
        { title: 'New Flink Draft (2/3): type', ignoreFocusOut: true },
      ))?.label;
      if (!type) return undefined;

      const target = args.target ?? (await vscode.window.showQuickPick(
        DEPLOYMENT_TARGETS.map((t) => ({ ...TARGET_DETAIL[t], target: t })),
        { title: 'New Flink Draft (3/3): deployment target', ignoreFocusOut: true },
      ))?.target;
      if (!target) return undefined;
      if (!DRAFT_TYPES.includes(type) || !DEPLOYMENT_TARGETS.includes(target)) throw new Error(`Unknown type "${type}" or target "${target}".`);

      const files = newDraftFiles({ name, type, target });
      const at = (rel: string) => vscode.Uri.joinPath(folder, ...rel.split('/'));
      // The JAR draft's project folder too: writing into someone's existing `<name>/` would mix two projects.
      const roots = new Set(Object.keys(files).map((rel) => rel.split('/')[0]!));
      for (const root of roots) {
        if (await exists(at(root))) throw new Error(`${vscode.workspace.asRelativePath(at(root))} already exists; choose another name.`);
      }
      const encoder = new TextEncoder();
      for (const [rel, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(at(rel), encoder.encode(text));
      const opened = at(draftMainFile(Object.keys(files)));
      log.info(`created draft ${name} (${type}, ${target}) in ${folder.fsPath}: ${[...roots].join(', ')}`);
      await vscode.window.showTextDocument(opened, { preview: false });
      return opened;
    },
  };
}
