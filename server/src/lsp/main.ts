// Entry of out/server.js: the VS Code client launches it with --node-ipc; other editors with --stdio.
import { startServer } from './server';
import { connectionFromArgs } from './transport';

startServer(connectionFromArgs(process.argv.slice(2)));
