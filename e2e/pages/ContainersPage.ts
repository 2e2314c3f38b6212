import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type DetailTab =
  | 'Logs'
  | 'Stats'
  | 'Terminal'
  | 'Processes'
  | 'Changes'
  | 'Environment'
  | 'Mounts'
  | 'Networks'
  | 'Inspect';

export class ContainersPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly runButton: Locator;
  readonly runDialog: Locator;
  readonly removeDialog: Locator;
  readonly detail: Locator;
  readonly logs: Locator;
  readonly terminal: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Containers', exact: true });
    this.search = page.getByLabel('Search containers');
    this.rows = page.getByTestId('container-row');
    this.runButton = page.getByRole('button', { name: 'Run container' });
    this.runDialog = page.getByRole('dialog', { name: 'Run a container' });
    this.removeDialog = page.getByRole('dialog', { name: /^Remove/ });
    this.detail = page.getByTestId('container-detail');
    this.logs = page.getByTestId('container-logs');
    this.terminal = page.getByTestId('terminal');
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Containers');
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);
  }

  /** The header row of a compose project or ECS task group. */
  group(label: string): Locator {
    return this.page.getByTestId('container-group').filter({ hasText: label });
  }

  async groupBy(what: 'Nothing' | 'Compose project' | 'ECS task'): Promise<void> {
    await this.page.getByLabel('Group by').click();
    await this.page.getByRole('option', { name: what, exact: true }).click();
  }

  async expectState(name: string, state: string, timeout?: number): Promise<void> {
    await expect(this.row(name)).toHaveAttribute('data-state', state, { timeout });
  }

  /** One of the toolbar's actions on the selection: Start, Stop, Restart, Pause, Resume, Kill. */
  action(name: 'Start' | 'Stop' | 'Restart' | 'Pause' | 'Resume' | 'Kill'): Locator {
    return this.page
      .getByRole('group', { name: 'Container actions' })
      .getByRole('button', { name, exact: true });
  }

  removeButton(): Locator {
    return this.page.getByRole('button', { name: /^Remove( \d+)?$/ });
  }

  tab(name: DetailTab): Locator {
    return this.detail.getByRole('tab', { name, exact: true });
  }

  /** A top field of the run dialog by its label (a required one has an asterisk after it). */
  runField(label: string): Locator {
    return this.runDialog.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).first();
  }

  /** Adds a row to one of the run dialog's sections (Ports, Environment, Labels, ...). */
  async addRow(section: string): Promise<Locator> {
    const group = this.runDialog.getByRole('group', { name: section });
    await group.getByRole('button', { name: 'Add' }).click();
    return group;
  }
}
