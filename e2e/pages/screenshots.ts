import type { Locator, Page } from '@playwright/test';

/**
 * The page in both themes at a wide and a small window, kept with the test's results (for a
 * person to look at; nothing compares them), then back to the system theme at 1440 × 900.
 * With `showing`, each is taken with it scrolled into view.
 */
export async function screenshots(
  page: Page,
  testInfo: { outputPath(name: string): string },
  name: string,
  showing?: Locator,
): Promise<void> {
  const themes = page.getByRole('group', { name: 'Theme' });
  for (const theme of ['Light', 'Dark'] as const) {
    await themes.getByRole('button', { name: theme }).click();
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await showing?.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: testInfo.outputPath(`${name}-${theme.toLowerCase()}-${width}x${height}.png`),
      });
    }
  }
  await themes.getByRole('button', { name: 'System' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
}
