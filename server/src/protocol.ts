// The ONE declaration of the custom LSP messages (`flinkSql/...`) exchanged by the extension client and the
// server. Imported by both sides, so it must stay free of node-only and `vscode` imports.
// Each message says which way it travels: client → server or server → client.
import { NotificationType } from 'vscode-languageserver-protocol';

/** The language id of Flink SQL documents (client document selector, server language checks). */
export const FLINK_SQL_LANGUAGE_ID = 'flink-sql';

export type ServerHealth = 'ok' | 'warning' | 'error';

export interface ServerStatusParams {
  /** `warning`: a request failed internally (details in the server log); the server keeps serving. */
  health: ServerHealth;
  /** Short text for a status bar tooltip. */
  message?: string;
  /** The server's package version, sent with the first status after `initialized`. */
  version?: string;
}

/** server → client: the server's health, sent after `initialized` and whenever it changes. */
export const ServerStatusNotification = new NotificationType<ServerStatusParams>('flinkSql/serverStatus');
