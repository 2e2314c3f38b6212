import { expect, test } from './fixtures';
import { ImagesPage } from './pages/ImagesPage';

test.describe('Theme', () => {
  test.use({ colorScheme: 'light' });

  test('Light, Dark or System from the top bar, remembered across a reload', async ({
    page,
    appUrl,
  }) => {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    const themes = page.getByRole('group', { name: 'Theme' });
    const root = page.locator('html');
    const body = page.locator('body');
    // MUI's default page backgrounds: white, and #121212 in the dark.
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(18, 18, 18)';

    // System follows the OS, light here.
    await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(root).toHaveClass(/\blight\b/);
    await expect(body).toHaveCSS('background-color', light);

    await themes.getByRole('button', { name: 'Dark' }).click();
    await expect(root).toHaveClass(/\bdark\b/);
    await expect(body).toHaveCSS('background-color', dark);

    await page.reload();
    await expect(images.heading).toBeVisible();
    await expect(root).toHaveClass(/\bdark\b/);
    await expect(body).toHaveCSS('background-color', dark);
    await expect(themes.getByRole('button', { name: 'Dark' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await themes.getByRole('button', { name: 'System' }).click();
    await expect(root).toHaveClass(/\blight\b/);
    await expect(body).toHaveCSS('background-color', light);

    // One Tab stop: only the chosen mode is in the tab order, and the arrow keys choose.
    await expect(themes.getByRole('button', { name: 'Dark' })).toHaveAttribute('tabindex', '-1');
    await themes.getByRole('button', { name: 'System' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(themes.getByRole('button', { name: 'Dark' })).toBeFocused();
    await expect(root).toHaveClass(/\bdark\b/);
  });
});
