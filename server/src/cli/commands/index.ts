// The dispatch table of `flink-sql` subcommands: one file per command in this folder, one line here each.
import type { CliCommand } from '../command';
import { lint } from './lint';
import { formatCommand } from './format';
import { lsp } from './lsp';
import { validateCommand } from './validate';
import { executeCommand } from './execute';
import { previewCommand } from './preview';
import { testCommand } from './test';
import { localCommand } from './local';
import { jobsCommand } from './jobs';
import { configCommand } from './config';
import { publishCommand } from './publish';
import { deploymentsCommand } from './deployments';
import { stopCommand } from './stop';
import { savepointCommand } from './savepoint';
import { rollbackCommand } from './rollback';
import { doctorCommand } from './doctor';
import { newCommand } from './new';
import { udfCommand } from './udf';

export const COMMANDS: readonly CliCommand[] = [
  newCommand,
  lint,
  formatCommand,
  lsp,
  validateCommand,
  executeCommand,
  previewCommand,
  testCommand,
  localCommand,
  jobsCommand,
  configCommand,
  publishCommand,
  deploymentsCommand,
  stopCommand,
  savepointCommand,
  rollbackCommand,
  doctorCommand,
  udfCommand,
];
