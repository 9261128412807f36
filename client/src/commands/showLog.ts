// "Flink SQL: Show Log": reveals the extension's log (also the status bar item's click action).
import type { CommandModule } from '../commandRegistry';
import { log } from '../log';

export const id = 'flinkSql.showLog';

export const showLogCommand: CommandModule = { id, handler: () => log.show() };
