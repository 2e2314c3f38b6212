import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type EngineFact =
  'version' | 'api-version' | 'storage-driver' | 'cpus' | 'images' | 'containers-running';

export class EnginePage {
  readonly shell: AppShell;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Engine', exact: true });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Engine');
  }

  fact(name: EngineFact): Locator {
    return this.page.getByTestId(`engine-${name}`);
  }
}
