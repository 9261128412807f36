// What the Flink commands share (built once in flink/index.ts), and how a command finds its draft.
import * as vscode from 'vscode';
import type { CatalogsTree } from '../views/catalogsTree';
import type { ConnectionStatusItem } from './connectionStatusItem';
import type { Executor } from './executor';
import type { FlinkClient } from './flinkClient';
import type { FlinkDiagnostics } from './flinkDiagnostics';
import type { ResultsPanels } from './resultsPanel';
import type { RunCodeLensProvider } from './runCodeLens';

export interface FlinkServices {
  flink: FlinkClient;
  executor: Executor;
  diagnostics: FlinkDiagnostics;
  panels: ResultsPanels;
  catalogs: CatalogsTree;
  status: ConnectionStatusItem;
  codeLens: RunCodeLensProvider;
  secrets: vscode.SecretStorage;
}

/** The draft a command acts on: the URI it was given (menus, CodeLens, tests), else the active editor's. */
export async function draftDocument(arg?: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && (doc.languageId === 'flink-sql' || doc.fileName.endsWith('.sql'))) return doc;
  throw new Error('Open a Flink SQL draft (*.flink.sql) in the editor first.');
}

/** The active draft's URI when there is one (the Catalogs view applies its DDL), without failing. */
export function activeDraftUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'flink-sql' ? doc.uri : undefined;
}
