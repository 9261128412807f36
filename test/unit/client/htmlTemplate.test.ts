// The webview HTML template (plain Node): the CSP every panel is served under, and one script, by nonce.
import { strict as assert } from 'node:assert';
import { webviewHtml } from '../../../client/src/webview/htmlTemplate';

const page = { cspSource: 'vscode-webview://abc', styleUri: 'vscode-webview://abc/media/x.css', scriptUri: 'vscode-webview://abc/out/webview/x.js', title: 'T', body: '<main id="m"></main>' };

describe('webview HTML template', () => {
  it("allows nothing by default, styles and fonts from the extension, and only its own script by nonce", () => {
    const html = webviewHtml(page, 'N0NCE');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src vscode-webview://abc; font-src vscode-webview://abc; script-src 'nonce-N0NCE';");
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), ['<script nonce="N0NCE" src="vscode-webview://abc/out/webview/x.js">']);
    assert.ok(html.includes('<main id="m"></main>') && html.includes('<title>T</title>'));
  });
  it('draws a fresh nonce for each document', () => {
    const nonce = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];
    const a = nonce(webviewHtml(page));
    const b = nonce(webviewHtml(page));
    assert.ok(a && b && a !== b && a.length >= 22, `${a} ${b}`);
  });
});
