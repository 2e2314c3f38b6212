import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class EventsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly filter: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly details: Locator;
  readonly expandAll: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Events', exact: true });
    this.rows = page.getByTestId('event-row');
    this.count = page.getByTestId('event-count');
    this.filter = page.getByLabel('Filter events');
    this.pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
    this.resumeButton = page.getByRole('button', { name: 'Resume', exact: true });
    this.details = page.getByRole('tree', { name: 'event' });
    this.expandAll = page.getByRole('button', { name: 'Expand all' });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Events');
  }

  /** Rows of one engine action on an object whose name contains `name`. */
  rowsOf(action: string, name: string): Locator {
    return this.page.locator(`[data-testid="event-row"][data-action="${action}"]`, {
      hasText: name,
    });
  }

  typeChip(type: string): Locator {
    return this.page
      .getByRole('group', { name: 'Object types' })
      .getByRole('button', { name: type });
  }
}
