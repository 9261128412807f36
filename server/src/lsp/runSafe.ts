// Guards every LSP handler: honours cancellation, logs a failure with its stack and answers empty, so one bad
// document never takes the server down. Modelled on VS Code json-language-features `utils/runner.ts`.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type ErrorLogger = (message: string) => void;
export type ErrorListener = (what: string, error: unknown) => void;

export interface Runner {
  /** Runs a request handler; a cancelled request answers RequestCancelled, a failing one answers `empty`. */
  request<T>(what: string, token: CancellationToken, empty: T, fn: () => T | PromiseLike<T>): Promise<T | ResponseError<void>>;
  /** Runs a notification handler (didOpen, didChange, …); a failure is logged and swallowed. */
  notification(what: string, fn: () => void): void;
}

export function formatError(what: string, error: unknown): string {
  if (error instanceof Error) return `${what} failed: ${error.stack ?? `${error.name}: ${error.message}`}`;
  return `${what} failed: ${String(error)}`;
}

export function createRunner(logError: ErrorLogger, onError?: ErrorListener): Runner {
  const fail = (what: string, error: unknown) => {
    logError(formatError(what, error));
    try {
      onError?.(what, error);
    } catch {
      // A failing listener must not turn a logged error into a crash.
    }
  };
  return {
    request(what, token, empty, fn) {
      return new Promise((resolve) => {
        // Yield first: a $/cancelRequest already queued behind this request gets processed before we start.
        setImmediate(async () => {
          if (token.isCancellationRequested) return resolve(cancelled());
          try {
            const result = await fn();
            resolve(token.isCancellationRequested ? cancelled() : result);
          } catch (error) {
            fail(what, error);
            resolve(empty);
          }
        });
      });
    },
    notification(what, fn) {
      try {
        fn();
      } catch (error) {
        fail(what, error);
      }
    },
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
