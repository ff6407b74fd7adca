import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type englishTexts from '../../renderer/src/locales/en.json';
import { wizardStepIds } from '../../renderer/src/wizard/step-ids';
import { createWcdProject } from '../../shared/model/project';
import { setSetting } from '../../shared/model/settings-edit';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { expect, repoRoot, test } from './fixtures';

/**
 * Issue #10 item 11: focus on every page change and action, keyboard-only use, reopened files that need a
 * re-pick, layouts at the minimum window size and axe-core on every page, in both languages.
 */

type Texts = typeof englishTexts;
const texts: Record<'en' | 'es', Texts> = {
  en: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/en.json'), 'utf8')) as Texts,
  es: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/es.json'), 'utf8')) as Texts,
};
const STEP_IDS = wizardStepIds;
/** electron/main/window.ts minWidth × minHeight. */
const MINIMUM_WINDOW = { width: 960, height: 600 };

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has focus (keyboard only), failing after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const labelled = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s?\\*?$`));

test('keyboard only: the bulk-enrollment flow completes, focus on each heading after Next', async ({
  app: { page, host },
}) => {
  test.setTimeout(120_000);
  const t = texts.en;
  const w = t.wizard;
  const heading = page.locator('#step-title');
  const next = page.getByRole('button', { name: w.next, exact: true });
  const pressNext = async (expected: string) => {
    await tabTo(page, next);
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(expected);
    await expect(heading).toBeFocused();
  };

  await tabTo(page, page.getByRole('button', { name: t.start.newProject }));
  await page.keyboard.press('Enter');
  // New project: focus lands on the first page's heading.
  await expect(heading).toHaveText(w.steps.device.title);
  await expect(heading).toBeFocused();
  await tabTo(page, labelled(page, w.device.deviceName));
  await page.keyboard.type('CTS-%RAND:6%');
  await pressNext(w.steps.network.title);
  await pressNext(w.steps.accounts.title);
  await tabTo(page, labelled(page, w.accounts.userName));
  await page.keyboard.type('localadmin');
  await tabTo(page, labelled(page, w.accounts.password));
  await page.keyboard.type('Adm1n-Pass!2024');
  await pressNext(w.steps.applications.title);
  await pressNext(w.steps.certificates.title);
  await pressNext(w.steps.enrollment.title);

  await tabTo(page, page.getByRole('combobox', { name: w.enrollment.preset }));
  const preset = page.getByRole('combobox', { name: w.enrollment.preset });
  await page.keyboard.press('Enter'); // opens the list
  // Arrow down until the list's active option is the preset, then choose it with Enter.
  const activeOption = () =>
    preset.evaluate(
      (box) => document.getElementById(box.getAttribute('aria-activedescendant') ?? '')?.textContent ?? '',
    );
  for (let presses = 0; presses < 20 && (await activeOption()) !== w.enrollment.presets.ivanti; presses++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivanti-followup')).toBeVisible();
  await tabTo(page, labelled(page, w.enrollment.upn));
  await page.keyboard.press('End');
  await page.keyboard.type('user1@contoso.com');
  await tabTo(page, page.getByLabel(w.enrollment.discoveryUrl));
  await page.keyboard.type('https://mdm.contoso.com/EnrollmentServer/Discovery.svc');
  await tabTo(page, labelled(page, w.enrollment.secret));
  await page.keyboard.type('Enroll-Secret-42');
  await pressNext(w.steps.finish.title);

  await tabTo(page, labelled(page, w.finish.packageName));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Contoso-BulkEnroll');
  host.answerNextSaveDialog('kbd.ppkg');
  await tabTo(page, page.getByRole('button', { name: w.build }));
  await page.keyboard.press('Enter');
  // The outcome takes focus: the keyboard user lands on the result, not on the page body.
  await expect(page.getByTestId('build-result')).toBeFocused({ timeout: 60_000 });
});

test('a reopened project whose installer was not chosen this session: an error with "Choose file…"', async ({
  app: { page, host },
}) => {
  test.setTimeout(90_000);
  const doc = createWcdProject({
    name: 'Reopened',
    id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a13}',
    wizard: true,
  }).customizations;
  setSetting(doc, 'DevDetail/DNSComputerName', 'PC-1');
  const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
  setSetting(doc, `${command}/CommandFile`, host.path('old/Agent.msi'), 'Agent');
  setSetting(doc, `${command}/CommandLine`, 'msiexec /i "agent.msi" /qn', 'Agent');
  await writeFile(host.path('customizations.xml'), serializeCustomizationsXml(doc));
  await writeFile(host.path('Agent.msi'), 'installer bytes');
  host.answerNextOpenDialog('customizations.xml');
  await page.getByTestId('start-open-project').click();
  await page.getByRole('tab', { name: 'Finish' }).click();

  const issues = page.getByTestId('issues');
  await expect(issues).toContainText('"Agent.msi" was chosen in an earlier session');
  await expect(page.getByText('No problems found.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Build package' })).toBeDisabled();

  host.answerNextOpenDialog('Agent.msi');
  await issues.getByRole('button', { name: 'Choose file…' }).click();
  await expect(issues).not.toContainText('earlier session');
  host.answerNextSaveDialog('reopened.ppkg');
  await page.getByRole('button', { name: 'Build package' }).click();
  await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 60_000 });
});

/** Visible controls and labels in the main area whose boxes overlap (neither inside the other). */
async function overlappingControls(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const selector =
      'label, input, button, textarea, [role="combobox"], [role="switch"], [role="radio"], h2, h3, dt, dd';
    /**
     * What the user sees of an element: for text (labels, headings, terms) the box of the text itself, not of
     * the padding around it; clipped by every scrolling ancestor.
     */
    const visibleBox = (element: HTMLElement) => {
      const isText = /^(LABEL|H2|H3|DT|DD)$/.test(element.tagName);
      const range = document.createRange();
      range.selectNodeContents(element);
      let { left, top, right, bottom } = (isText ? range : element).getBoundingClientRect();
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent);
        if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        left = Math.max(left, clip.left);
        top = Math.max(top, clip.top);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      return { left, top, right, bottom, width: right - left, height: bottom - top };
    };
    const elements = Array.from(main.querySelectorAll<HTMLElement>(selector)).filter((element) => {
      const box = visibleBox(element);
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
    });
    const found: string[] = [];
    const name = (element: HTMLElement) =>
      `${element.tagName.toLowerCase()}("${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 40)}")`;
    for (const [index, a] of elements.entries()) {
      for (const b of elements.slice(index + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const boxA = visibleBox(a);
        const boxB = visibleBox(b);
        const overlapX = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const overlapY = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (overlapX > 2 && overlapY > 2) found.push(`${name(a)} × ${name(b)}`);
      }
    }
    return found;
  });
}

for (const language of ['en', 'es'] as const) {
  test.describe(`every page in ${language === 'en' ? 'English' : 'Spanish'}`, () => {
    test.use({ locale: language === 'en' ? 'en-US' : 'es-ES', viewport: MINIMUM_WINDOW });

    test('no axe-core violations and no overlapping controls at the minimum window size', async ({
      app: { page, host },
    }, testInfo) => {
      test.setTimeout(180_000);
      const t = texts[language];
      const problems: string[] = [];
      const check = async (name: string) => {
        // No hover leftovers (a tooltip of the last button clicked) in the screenshot or the audit.
        await page.mouse.move(MINIMUM_WINDOW.width / 2, MINIMUM_WINDOW.height - 1);
        await expect(page.getByRole('tooltip')).toHaveCount(0);
        await page.screenshot({ path: testInfo.outputPath(`${name}-${language}-min.png`) });
        // Tabster (Fluent's focus manager) adds aria-hidden dummy elements that are focusable by design, to
        // wrap focus in trapped regions; they are not content.
        const axe = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
        for (const violation of axe.violations)
          problems.push(
            `${name}: ${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          );
        for (const overlap of await overlappingControls(page)) problems.push(`${name}: overlap ${overlap}`);
      };

      await check('start');
      await page.getByRole('button', { name: t.start.newProject }).click();
      for (const id of STEP_IDS) {
        await page.getByRole('tab', { name: t.wizard.steps[id].title }).click();
        await expect(page.locator('#step-title')).toHaveText(t.wizard.steps[id].title);
        await check(`wizard-${id}`);
      }
      await page.getByTestId('show-batch').click();
      await expect(page.getByTestId('batch-page')).toBeVisible();
      await check('batch');
      await page.getByTestId('batch-back').click();
      await page.getByRole('button', { name: t.pages.switch.advanced }).click();
      await check('advanced');
      await writeFile(host.path('empty.ppkg'), Buffer.alloc(0));
      host.answerNextOpenDialog('empty.ppkg');
      await page.getByRole('button', { name: t.header.home }).click();
      await page.getByTestId('start-open-package').click();
      await check('package');
      expect(problems).toEqual([]);
    });
  });
}
