import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type EngineFact =
  'version' | 'api-version' | 'storage-driver' | 'cpus' | 'images' | 'containers-running';

export class EnginePage {
  readonly shell: AppShell;
  readonly heading: Locator;
  /** The rows of the engines to choose from. */
  readonly contexts: Locator;
  /** The name of the engine in use, inside the status chip of the top bar. */
  readonly engineInUse: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Engine', exact: true });
    this.contexts = page.getByTestId('engine-context');
    this.engineInUse = page.getByTestId('engine-status-name');
  }

  context(name: string): Locator {
    return this.page.locator(`[data-testid="engine-context"][data-name="${name}"]`);
  }

  useButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Use ${name}`, exact: true });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Engine');
  }

  fact(name: EngineFact): Locator {
    return this.page.getByTestId(`engine-${name}`);
  }
}
