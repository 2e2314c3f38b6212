import { expect, type Page } from '@playwright/test';
import type { EcsPage } from './EcsPage';

/** An element whose text does not fit its box. */
export interface Overflow {
  text: string;
  element: string;
  overflowX: number;
  overflowY: number;
}

// Run in the page (the e2e code is compiled without the DOM library). Labelled elements:
// buttons, tabs, labels, headers, chips, headings, alerts and anything with an aria-label.
// A table cell's text may be cut short: the table shows it in full on hover and focus (the
// table checks below test that); so may an element whose title attribute is its whole text. Scrolling boxes hold more than they show by design.
const overflowScript = `(() => {
  const selector = [
    'button', '[role="tab"]', 'label', 'th', 'h1', 'h2', 'h3', 'h6', '.MuiChip-label',
    '.MuiAlert-message', '.MuiTypography-root', '[aria-label]', '[role="menuitem"]',
  ].join(',');
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.clientWidth === 0 || element.clientHeight === 0) continue;
    if (element.closest('[aria-hidden="true"], tbody td[data-column], .xterm')) continue;
    // Cut short on purpose, with the whole text on hover (a pane's title).
    if ((element.getAttribute('title') || '') === (element.textContent || '').trim()) continue;
    const style = getComputedStyle(element);
    const scrolls = /(auto|scroll)/.test(style.overflowX + ' ' + style.overflowY);
    if (scrolls || style.visibility === 'hidden') continue;
    const overflowX = element.scrollWidth - element.clientWidth;
    const overflowY = element.scrollHeight - element.clientHeight;
    if (overflowX > 1 || overflowY > 2) {
      const id = element.getAttribute('data-testid') || element.getAttribute('aria-label') || '';
      found.push({
        text: (element.textContent || '').trim().slice(0, 80),
        element: element.tagName.toLowerCase() + (id ? '[' + id + ']' : '') + '.' +
          String(element.className).split(' ').slice(0, 2).join('.'),
        overflowX,
        overflowY,
      });
    }
  }
  return found;
})()`;

/** Every labelled element on show whose text overflows its box. */
export function findOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate<Overflow[]>(overflowScript);
}

interface IdentifyingCell {
  table: string;
  column: string;
  width: number;
  /** The first row's cell: its full text, and whether it is cut short. */
  fullText: string | undefined;
  cut: boolean;
}

const identifyingScript = `(() => {
  const found = [];
  for (const table of document.querySelectorAll('[role="region"] > table')) {
    const region = table.parentElement;
    for (const header of table.querySelectorAll('th[data-identifying]')) {
      const column = header.getAttribute('data-column');
      const cell = table.querySelector('tbody td[data-column="' + column + '"]');
      const cut = cell
        ? [cell, ...cell.querySelectorAll('*')].some((e) => e.scrollWidth > e.clientWidth + 1)
        : false;
      found.push({
        table: region.getAttribute('aria-label') || '',
        column,
        width: header.getBoundingClientRect().width,
        fullText: cell ? (cell.getAttribute('data-full-text') || cell.textContent || '') : undefined,
        cut,
      });
    }
  }
  return found;
})()`;

/**
 * Every table's identifying columns are at least 120 px wide, and the first row's cell in
 * each shows its full text on hover when it is cut short.
 */
export async function checkTables(page: Page, where: string): Promise<void> {
  const cells = await page.evaluate<IdentifyingCell[]>(identifyingScript);
  for (const cell of cells) {
    expect.soft(cell.width, `${cell.table} ${cell.column} on ${where}`).toBeGreaterThanOrEqual(120);
    if (cell.fullText === undefined || !cell.cut) continue;
    const region = page.getByRole('region', { name: cell.table, exact: true });
    await region.locator(`tbody td[data-column="${cell.column}"]`).first().hover();
    await expect(page.getByTestId('cell-full-text'), `${cell.table} ${cell.column}`).toHaveText(
      cell.fullText,
    );
    await page.mouse.move(0, 0);
  }
}

interface Visit {
  hash: string;
  /** What shows once the page has its content. */
  ready: string;
}

function visits(names: { containerName: string; volumeName: string }): Visit[] {
  return [
    { hash: '#/engine', ready: 'h1' },
    { hash: '#/images', ready: '[data-testid="image-row"]' },
    { hash: '#/layers', ready: 'h1' },
    { hash: '#/registries', ready: 'h1' },
    { hash: '#/containers', ready: `[data-container-name="${names.containerName}"]` },
    { hash: '#/volumes', ready: `[data-volume="${names.volumeName}"]` },
    { hash: '#/networks', ready: '[data-testid="network-row"]' },
    { hash: '#/ecs/clusters', ready: '[data-testid="clusters-table"]' },
    { hash: '#/ecs/task-definitions', ready: 'h1' },
    { hash: '#/ecs/tasks', ready: 'h1' },
    { hash: '#/events', ready: '[data-testid="event-row"]' },
  ];
}

/**
 * Opens every page at the page's current size: a screenshot of each (to `shotPath(name)`),
 * no labelled text cut short, every table's identifying columns wide enough and their cut
 * text shown on hover; then the container named `containerName`, whose name is too long for
 * its cell at any width, shows it in full on hover.
 */
export async function checkEveryPage(
  page: Page,
  base: string,
  names: { containerName: string; volumeName: string },
  shotPath: (name: string) => string,
): Promise<void> {
  for (const visit of visits(names)) {
    await page.goto(`${base}${visit.hash}`);
    await expect(page.locator(visit.ready).first()).toBeVisible();
    const name = visit.hash.replace(/\W+/g, '-').replace(/^-/, '');
    await page.screenshot({ path: shotPath(name) });
    expect.soft(await findOverflows(page), `text cut short on ${visit.hash}`).toEqual([]);
    await checkTables(page, visit.hash);
  }
  await page.goto(`${base}#/containers`);
  const nameCell = page
    .locator(`[data-container-name="${names.containerName}"]`)
    .locator('td[data-column="name"]');
  await nameCell.hover();
  await expect(page.getByTestId('cell-full-text')).toHaveText(names.containerName);
}

/**
 * The same checks with a detail pane open, on each list page whose rows open one: the pane
 * takes room from the list, and its own tabs, titles and facts must fit too.
 */
export async function checkOpenPanes(
  page: Page,
  base: string,
  names: { containerName: string; volumeName: string; networkName: string },
  shotPath: (name: string) => string,
): Promise<void> {
  const panes = [
    {
      hash: '#/containers',
      row: `[data-container-name="${names.containerName}"]`,
      pane: 'container-detail',
    },
    { hash: '#/images', row: '[data-testid="image-row"]', pane: 'image-detail' },
    { hash: '#/volumes', row: `[data-volume="${names.volumeName}"]`, pane: 'volume-detail' },
    { hash: '#/networks', row: `[data-network="${names.networkName}"]`, pane: 'network-detail' },
    { hash: '#/events', row: '[data-testid="event-row"]', pane: 'event-detail' },
  ];
  for (const { hash, row, pane } of panes) {
    await page.goto(`${base}${hash}`);
    await page.locator(row).first().click();
    const detail = page.getByTestId(pane);
    await expect(detail).toBeVisible();
    // The pane's first tab has its content, not a loading bar.
    await expect(detail.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    await page.screenshot({ path: shotPath(`${pane}-open`) });
    expect.soft(await findOverflows(page), `text cut short on ${hash} with ${pane}`).toEqual([]);
    await checkTables(page, `${hash} with ${pane}`);
  }
}

/** A cluster with an instance and two running tasks of one family, for the ECS tables. */
export async function seedEcs(
  ecs: EcsPage,
  appUrl: string,
  cluster: string,
  family: string,
): Promise<void> {
  await ecs.open(appUrl);
  await ecs.createCluster(cluster);
  await ecs.addInstances('us-east-1a');
  await ecs.tab('Task definitions').click();
  await ecs.page.getByRole('button', { name: 'Create from JSON' }).click();
  await ecs.jsonDialog.getByTestId('json-editor').fill(
    JSON.stringify({
      family,
      containerDefinitions: [{ name: 'app', image: 'nginx:alpine', memory: 64 }],
    }),
  );
  await ecs.jsonDialog.getByRole('button', { name: 'Register' }).click();
  await expect(ecs.jsonDialog).toBeHidden();
  await ecs.family(family).click();
  await ecs.page.locator('[data-revision="1"]').click();
  await ecs.page.getByRole('button', { name: 'Run task…' }).click();
  await ecs.choose(ecs.runDialog, 'Cluster', cluster);
  await ecs.runDialog.getByLabel('Count').fill('2');
  await ecs.runDialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(ecs.runDialog).toBeHidden();
}

/** The pane's splitter: its height, as the splitter tells it. */
async function paneHeight(page: Page): Promise<number> {
  const value = await page
    .getByRole('separator', { name: /^Resize / })
    .getAttribute('aria-valuenow');
  return Number(value);
}

/**
 * A detail pane resizes by dragging its splitter and keeps its height across a reload, goes to
 * the full window and back, and Esc leaves the full window, then closes it; the image detail's
 * Layers tab in the full window is the dive-like layer view.
 */
export async function checkPanes(
  page: Page,
  base: string,
  containerName: string,
  shotPath: (name: string) => string,
): Promise<void> {
  await page.goto(`${base}#/containers`);
  await page.locator(`[data-container-name="${containerName}"]`).click();
  const detail = page.getByTestId('container-detail');
  await expect(detail).toBeVisible();
  const before = await paneHeight(page);
  const box = await page.getByRole('separator', { name: /^Resize / }).boundingBox();
  if (!box) throw new Error('the splitter is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Down: the pane gets smaller and the list above it taller.
  await page.mouse.move(box.x + box.width / 2, box.y + 100, { steps: 5 });
  await page.mouse.up();
  const dragged = await paneHeight(page);
  expect(dragged).toBeLessThan(before - 60);
  await page.screenshot({ path: shotPath('container-detail') });
  await page.reload();
  await expect(detail).toBeVisible();
  expect(await paneHeight(page)).toBe(dragged);

  await detail.getByRole('button', { name: 'Full window' }).click();
  await expect(detail).toHaveAttribute('data-full-window', 'true');
  const viewport = page.viewportSize();
  const full = await detail.boundingBox();
  expect(full?.width).toBe(viewport?.width);
  expect(full?.height).toBe(viewport?.height);
  await page.keyboard.press('Escape');
  await expect(detail).not.toHaveAttribute('data-full-window');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  await page.goto(`${base}#/images`);
  await page.getByTestId('image-row').first().click();
  const image = page.getByTestId('image-detail');
  await image.getByRole('tab', { name: 'Layers', exact: true }).click();
  await image.getByRole('button', { name: 'Full window' }).click();
  await expect(image.getByTestId('layer-row').first()).toBeVisible();
  await expect(image.getByTestId('layers-progress')).toBeHidden({ timeout: 30_000 });
  // One layer at a time: the layer list has no checkboxes.
  await expect(image.getByTestId('layers-table').getByRole('checkbox')).toHaveCount(0);
  await page.screenshot({ path: shotPath('image-layers-full-window') });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(image).toBeHidden();
}

/**
 * A table's header row is one Tab stop that the arrow keys move along, Ctrl+A selects only the
 * rows shown, and "?" (or the app bar's button) opens the shortcut sheet.
 */
export async function checkKeyboard(page: Page, base: string, containerName: string) {
  await page.goto(`${base}#/containers`);
  await page.getByLabel('Search containers').fill(containerName);
  const table = page.getByRole('region', { name: 'Container list' });
  await expect(table.getByTestId('container-row')).toHaveCount(1);
  await table.focus();
  await page.keyboard.press('Control+a');
  await expect(table.getByTestId('container-row')).toHaveAttribute('aria-selected', 'true');
  // The rows the search hid were not selected.
  await page.getByLabel('Search containers').fill('');
  await expect(table.locator('[data-testid="container-row"][aria-selected="true"]')).toHaveCount(1);
  await table.focus();

  await page.keyboard.press('Tab');
  await expect(table.getByRole('checkbox', { name: 'Select all' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(table.getByRole('button', { name: 'Name', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  // Out of the table: no other header takes the focus.
  await expect(table.locator('thead :focus')).toHaveCount(0);

  await page.locator('h1').click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // The app bar's button opens it too, and has it back on Esc.
  const button = page.getByRole('banner').getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(button).toBeFocused();
}
