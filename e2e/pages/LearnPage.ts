import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class LearnPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly steps: Locator;
  readonly progress: Locator;
  readonly stepTitle: Locator;
  readonly stepState: Locator;
  readonly stepProgress: Locator;
  readonly summary: Locator;
  readonly kernelVersions: Locator;
  readonly layerCounts: Locator;
  readonly readWriteLayers: Locator;
  readonly presenter: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', {
      level: 1,
      name: 'Learn containers and ECS by doing',
    });
    this.steps = page.getByTestId('tour-step');
    this.progress = page.getByTestId('tour-progress');
    this.stepTitle = page.locator('#step-title');
    this.stepState = page.getByTestId('step-state');
    this.stepProgress = page.getByTestId('step-progress');
    this.summary = page.getByTestId('step-summary');
    this.kernelVersions = page.getByTestId('kernel-version');
    this.layerCounts = page.getByTestId('layer-count');
    this.readWriteLayers = page.getByTestId('rw-layer');
    this.presenter = page.getByTestId('presenter');
    this.confirmDialog = page.getByRole('dialog', { name: /^Reset / });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.nav.getByRole('link', { name: 'Learn', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  async openStep(title: string): Promise<void> {
    await this.page.getByRole('link', { name: new RegExp(title) }).click();
    await expect(this.stepTitle).toHaveText(title);
  }

  /** Presses the step's one button and waits until the step says it is done. */
  async runStep(buttonName: string, timeoutMs = 60_000): Promise<void> {
    await this.page.getByRole('button', { name: buttonName, exact: true }).click();
    await expect(this.stepState).toHaveText('Done', { timeout: timeoutMs });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}
