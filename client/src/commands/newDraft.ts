// "Flink SQL: New Draft": asks name, type and deployment target, then writes `<name>.flink.sql` (the
// seed sample) and `<name>.deployment.yaml` beside it, and opens the draft. Callers may pass the
// answers as an argument ({ name, type, target, folder }) to skip the prompts (tests, walkthrough).
import * as vscode from 'vscode';
import seedSample from '../../../examples/datagen-to-blackhole.flink.sql';
import type { CommandModule } from '../commandRegistry';
import type { DraftIndex } from '../drafts/draftIndex';
import {
  CONFIG_SUFFIX, DEPLOYMENT_TARGETS, DRAFT_SUFFIX, DRAFT_TYPES, checkDraftName, renderDeploymentConfig,
  type DeploymentTarget, type DraftType,
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
  JAR: 'A Java/Scala job packaged as a JAR',
  PYTHON: 'A PyFlink job',
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

      const draftUri = vscode.Uri.joinPath(folder, `${name}${DRAFT_SUFFIX}`);
      const configUri = vscode.Uri.joinPath(folder, `${name}${CONFIG_SUFFIX}`);
      for (const uri of [draftUri, configUri]) {
        if (await exists(uri)) throw new Error(`${vscode.workspace.asRelativePath(uri)} already exists; choose another name.`);
      }
      const encoder = new TextEncoder();
      await vscode.workspace.fs.writeFile(configUri, encoder.encode(renderDeploymentConfig({ name, type, target })));
      await vscode.workspace.fs.writeFile(draftUri, encoder.encode(seedSample));
      log.info(`created draft ${name} (${type}, ${target}) at ${draftUri.fsPath}`);
      await vscode.window.showTextDocument(draftUri, { preview: false });
      return draftUri;
    },
  };
}
