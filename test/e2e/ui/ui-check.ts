/**
 * The UI check: what a user sees in VS Code (code-server, with Bulwark installed from its .vsix) when they open
 * the fixture Dockerfile. Each step waits (bounded) for something visible on the page and may take a screenshot;
 * scripts/e2e/run.ts runs the steps in order, stops at the first failure and saves a screenshot of it.
 *
 * Fixture: test/e2e/workspace/Dockerfile (`FROM ubuntu` / `RUN sudo apt-get update`): one error (no-sudo on `sudo`),
 * warnings on `ubuntu`, one info.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * The quick fix the light-bulb step applies: Ctrl+. on `ubuntu` (where no-root-user is reported), then the action
 * whose title matches; afterwards the text must match `expect` and the finding must leave the Problems panel.
 */
export const UI_QUICK_FIX = { rule: 'no-root-user', title: /Add non-root USER/, expect: /^USER \S+/m };

export interface UiContext {
  page: Page;
  /** Saves a screenshot of the page as `<name>.png` in the screenshots folder. */
  screenshot(name: string): Promise<void>;
  /** The Bulwark findings the CLI reports for the fixture Dockerfile, e.g. `no-sudo error`. */
  expected: { rule: string; severity: string; message: string; line: number; column: number; fixable: boolean }[];
}

export interface UiStep {
  name: string;
  run(ctx: UiContext): Promise<void>;
}

const T = 30_000;

function editor(page: Page): Locator {
  return page.locator('.editor-group-container .monaco-editor').first();
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox({ timeout: T });
  if (!box) throw new Error('element has no box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export const UI_STEPS: UiStep[] = [
  {
    name: 'the workbench opens the fixture folder',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T });
    },
  },
  {
    name: 'clicking Dockerfile in the explorer opens it',
    async run({ page }) {
      const row = page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: /^Dockerfile$/ }) })
        .first();
      await row.click({ timeout: T });
      await editor(page).locator('.view-lines', { hasText: 'RUN sudo apt-get update' }).waitFor({ timeout: T });
    },
  },
  {
    name: 'squiggles appear: an error under `sudo`, warnings under `ubuntu`',
    async run({ page, screenshot, expected }) {
      const errors = expected.filter((f) => f.severity === 'error').length;
      await editor(page).locator('.squiggly-error').first().waitFor({ timeout: T });
      await editor(page).locator('.squiggly-warning').first().waitFor({ timeout: T });
      const n = await editor(page).locator('.squiggly-error').count();
      if (n !== errors) throw new Error(`${n} error squiggle(s) on the page, the CLI reports ${errors} error(s)`);
      await screenshot('1-squiggles');
    },
  },
  {
    name: "the Problems panel lists Bulwark's findings",
    async run({ page, screenshot, expected }) {
      await editor(page).click({ position: { x: 300, y: 200 } });
      await page.keyboard.press('Control+Shift+M');
      // The whole workspace is analyzed, so compose.yaml's findings are listed too and the (virtualized) list may not
      // render the Dockerfile's rows: filter the panel to Dockerfiles by path, as a user would.
      const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/).first();
      await filter.waitFor({ timeout: T });
      await filter.fill('**/Dockerfile');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'bulwark' }).first().waitFor({ timeout: T });
      const deadline = Date.now() + T;
      let texts: string[] = [];
      for (;;) {
        texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        // The filter applies after a short delay: wait until every expected finding of the Dockerfile is listed.
        if (expected.every((f) => texts.some((t) => t.includes(f.rule) && t.includes('bulwark')))) break;
        if (Date.now() > deadline) throw new Error(`Problems rows: ${JSON.stringify(texts)}`);
        await page.waitForTimeout(200);
      }
      for (const f of expected) {
        if (!texts.some((t) => t.includes(f.rule) && t.includes('bulwark'))) {
          throw new Error(`no Problems entry for ${f.rule}; rows: ${JSON.stringify(texts)}`);
        }
      }
      await screenshot('2-problems');
    },
  },
  {
    name: 'hovering the `sudo` squiggle shows the explanation',
    async run({ page, screenshot, expected }) {
      const sudo = expected.find((f) => f.rule === 'no-sudo');
      if (!sudo) throw new Error('the fixture should report no-sudo');
      const squiggle = editor(page).locator('.squiggly-error').first();
      const { x, y } = await centerOf(squiggle);
      await page.mouse.move(x - 40, y - 40);
      await page.mouse.move(x, y, { steps: 5 });
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Why it matters' }).first();
      await hover.waitFor({ timeout: T });
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      for (const part of ['no-sudo', 'How to fix', 'Rule documentation']) {
        if (!text.includes(part)) throw new Error(`hover lacks ${JSON.stringify(part)}: ${text}`);
      }
      await screenshot('3-hover');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    },
  },
  {
    name: `Ctrl+. on \`ubuntu\` opens the light bulb's menu; "Add non-root USER" fixes the file`,
    async run({ page, screenshot, expected }) {
      // `ubuntu` is line 1, column 6 (also the base image's tag and digest findings).
      const target = expected.find((f) => f.rule === UI_QUICK_FIX.rule && f.line === 1 && f.column === 6);
      if (!target?.fixable) throw new Error(`the CLI should report ${UI_QUICK_FIX.rule} on \`ubuntu\` as fixable`);
      const squiggle = editor(page).locator('.squiggly-warning').first();
      const { x, y } = await centerOf(squiggle);
      await page.mouse.click(x, y - 4);
      await page.keyboard.press('Control+Period');
      const items = page.locator('.action-widget .monaco-list-row.action');
      await items.first().waitFor({ timeout: T });
      await screenshot('4-quick-fix');
      await items.filter({ hasText: UI_QUICK_FIX.title }).first().waitFor({ timeout: T });
      // Choose it with the keyboard, as the menu expects (it blocks the pointer for a moment after opening).
      const count = await items.count();
      const focusedRow = page.locator('.action-widget .monaco-list-row.action.focused');
      for (let i = 0; ; i++) {
        const focused = (await focusedRow.count()) > 0 ? await focusedRow.first().innerText() : '';
        if (UI_QUICK_FIX.title.test(focused)) break;
        if (i > count) throw new Error(`could not move to the quick fix ${UI_QUICK_FIX.title} in ${JSON.stringify(await items.allInnerTexts())}`);
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      const deadline = Date.now() + T;
      // (Monaco renders spaces as no-break spaces.)
      const text = async () => (await editor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      while (!UI_QUICK_FIX.expect.test(await text())) {
        if (Date.now() > deadline) throw new Error(`after the quick fix the text does not match ${UI_QUICK_FIX.expect}`);
        await page.waitForTimeout(200);
      }
      // Only the open Dockerfile's group counts: the panel also lists the workspace's other (unopened) Dockerfiles,
      // which may report the same rule. Tree rows are flat in the DOM: a file row (aria-level 1) starts a group; the
      // open file's group is the one labelled just "Dockerfile" (no folder after the name, then its count).
      const inOpenFile = async (rule: string): Promise<boolean> => {
        try {
          let open = false;
          for (const row of await page.locator('.markers-panel .monaco-list-row').all()) {
            const text = await row.innerText({ timeout: 1000 });
            const words = text.split(/\s+/).filter((w) => w !== '');
            if ((await row.getAttribute('aria-level', { timeout: 1000 })) === '1') {
              open = words[0] === 'Dockerfile' && (words.length === 1 || /^\d+$/.test(words[1]));
            } else if (open && text.includes(rule)) return true;
          }
          return false;
        } catch {
          return true; // the list changed while it was read: look again
        }
      };
      while (await inOpenFile(UI_QUICK_FIX.rule)) {
        if (Date.now() > deadline) throw new Error(`${UI_QUICK_FIX.rule} is still in the Problems panel after its fix`);
        await page.waitForTimeout(200);
      }
      await screenshot('5-fixed');
    },
  },
];
