import { expect, type Locator, type Page } from '@playwright/test';

export type EngineState = 'connecting' | 'connected' | 'unreachable';
export type Destination = 'Engine' | 'Images' | 'Containers' | 'ECS';

/** What every page shares: the navigation and the engine status chip. */
export class AppShell {
  readonly engineStatus: Locator;

  constructor(readonly page: Page) {
    this.engineStatus = page.getByTestId('engine-status');
  }

  async open(appUrl: string): Promise<void> {
    await this.page.goto(appUrl);
    await expect(this.engineStatus).toBeVisible();
  }

  navLink(destination: Destination): Locator {
    return this.page.getByRole('link', { name: destination, exact: true });
  }

  async goTo(destination: Destination): Promise<void> {
    await this.navLink(destination).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: destination, exact: true }),
    ).toBeVisible();
  }

  async expectEngineState(state: EngineState, timeout?: number): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute('data-state', state, { timeout });
  }

  /**
   * Marks the current document so a test can prove later that the page was never reloaded
   * (a reload would give it a fresh global object without the mark).
   */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as Record<string, unknown>).__stowageE2eMark = true;
    });
  }

  async expectSameDocument(): Promise<void> {
    const marked = await this.page.evaluate(
      () => (globalThis as unknown as Record<string, unknown>).__stowageE2eMark === true,
    );
    expect(marked, 'the page was reloaded').toBe(true);
  }
}
