// Page-object helpers for the VS Code workbench in code-server: selectors that are stable across
// 1.10x builds (quick input, editor, status bar, panes), and screenshots into artifacts/.
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { env } from './browser';

/** A pattern matching exactly `s` (a label, a menu entry). */
export const exact = (s: string): RegExp => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /** Runs a command through the palette (F1), matching its visible title (`exact`: that title only, clicked). */
  async runCommand(title: string, o: { exact?: boolean } = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = o.exact
      // the palette's fuzzy order may put another entry first ("Flink: Publish from …" for "Flink: Publish")
      ? this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact(title) }) }).first()
      : this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // Some editors (the walkthrough page, an editor that has just opened) can take the focus from the palette as it
    // opens, which closes it: retry, with short waits (a closed palette's input never becomes editable again).
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.waitFor({ timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        console.log(`    (the palette closed before "${title}" ran: again, attempt ${attempt + 1})`);
        await this.page.keyboard.press('Escape');
      }
    }
    if (o.exact) await row.click();
    else await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    // Quick Open caches its file list while it is open: a file written just now may be missing from it, so close
    // it and search again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      try {
        await row.waitFor({ timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        await this.page.keyboard.press('Escape');
        await this.page.waitForTimeout(1_000);
      }
    }
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ timeout: 30_000 });
    await this.editor().locator('.view-lines').waitFor();
  }

  activeTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { hasText: name });
  }

  editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** The quick input's text box (input box of showInputBox, filter of showQuickPick). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  statusItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /** Goes to `line` (1-based) and selects the word at its start. */
  async selectFirstWordOfLine(line: number): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    await this.quickInput().waitFor({ state: 'visible' });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Control+Shift+ArrowRight');
  }

  /** A pane (view) of the side bar by its title, expanded. */
  async pane(title: string): Promise<Locator> {
    const pane = this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
    const header = pane.locator('.pane-header').first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    return pane;
  }

  /** Right-click `row`, then the menu's `entry`: hover it and Enter (a plain click left the menu open). */
  /**
   * Runs `entry` of the row's context menu. `fallbackPick`: the placeholder of the pick the command shows when it gets
   * no row — VS Code hands a menu command no argument when the tree redraws at that moment (microsoft/vscode#144250);
   * seen, that pick is dismissed and the menu used again (at most twice).
   */
  async contextMenu(row: Locator, entry: string, fallbackPick?: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      const item = this.page.locator('.context-view .monaco-menu .action-label', { hasText: exact(entry) });
      await item.hover();
      await this.page.keyboard.press('Enter');
      await item.waitFor({ state: 'hidden' });
      if (!fallbackPick || attempt > 2) return;
      const pick = this.page.locator(`.quick-input-widget input[placeholder="${fallbackPick}"]`);
      if (!(await pick.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false))) return;
      console.log(`    (the menu's "${entry}" got no row: VS Code redrew the tree at that moment; again)`);
      await this.page.keyboard.press('Escape');
      await pick.waitFor({ state: 'hidden' });
    }
  }

  async screenshot(name: string, file = path.join(env.artifacts, `${name}.png`)): Promise<string> {
    await this.page.screenshot({ path: file });
    return file;
  }
}
