// The one HTML document every webview panel is served in: CSP `default-src 'none'`, the script only by a fresh
// nonce, styles and fonts only from the extension's own resources. Pure strings, so it is tested in plain Node.
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** The webview's `cspSource` (where its own resources come from). */
  cspSource: string;
  /** The stylesheet and the script, already as webview URIs (`asWebviewUri`). */
  styleUri: string;
  scriptUri: string;
  title: string;
  /** The body's static markup (trusted: the extension's own, never values from Flink or from files). */
  body: string;
}

export function webviewHtml(page: WebviewPage, nonce = randomBytes(16).toString('base64')): string {
  const csp = `default-src 'none'; style-src ${page.cspSource}; font-src ${page.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${page.styleUri}">
<title>${page.title}</title>
</head>
<body>
${page.body.trim()}
<script nonce="${nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}
