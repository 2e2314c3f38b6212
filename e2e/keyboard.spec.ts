import { expect, signIn, test } from './fixtures';
import { AppShell, contrastRatio, relativeLuminance } from './pages/AppShell';
import { ImagesPage } from './pages/ImagesPage';

test.describe('keyboard use', () => {
  test('Skip to content is the first stop and moves the focus to the main content', async ({
    page,
    appUrl,
  }) => {
    const images = new ImagesPage(page);
    const { shell } = images;
    await shell.open(appUrl);
    await shell.expectOn('Images');
    // Out of sight until it has the focus.
    await expect(shell.skipLink).not.toBeInViewport();

    await page.keyboard.press('Tab');
    await shell.expectVisibleFocus(shell.skipLink);
    // Above the fixed app bar, not behind it.
    await shell.expectUncovered(shell.skipLink);

    await page.keyboard.press('Enter');
    await expect(shell.main).toBeFocused();
    await shell.expectOn('Images');
    // Tab goes on from the main content, past the header and the navigation.
    await page.keyboard.press('Tab');
    await expect(images.search).toBeFocused();
  });

  test('Tab reaches the navigation and Enter on a link switches pages', async ({
    page,
    appUrl,
  }) => {
    const shell = new AppShell(page);
    await shell.open(appUrl);
    await shell.expectOn('Images');
    await shell.markDocument();

    await page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    // Past the theme switch (one stop), the shortcuts button and the engine status chip, which
    // has its own tooltip.
    await shell.tabTo(shell.navLink('Engine'), 4);
    await shell.expectVisibleFocus(shell.navLink('Engine'));

    await page.keyboard.press('Enter');
    await shell.expectOn('Engine');
    await expect(shell.navLink('Engine')).toBeFocused();

    // Past Images, Layers and Registries.
    await shell.tabTo(shell.navLink('Containers'), 4);
    await shell.expectVisibleFocus(shell.navLink('Containers'));
    await page.keyboard.press('Enter');
    await shell.expectOn('Containers');

    // Past Volumes and Networks.
    await shell.tabTo(shell.navLink('ECS'), 3);
    await shell.expectVisibleFocus(shell.navLink('ECS'));
    await page.keyboard.press('Enter');
    await shell.expectOn('ECS');

    await shell.tabTo(shell.navLink('Images'), 6, 'Shift+Tab');
    await shell.expectVisibleFocus(shell.navLink('Images'));
    await page.keyboard.press('Enter');
    await shell.expectOn('Images');

    await shell.expectSameDocument();
  });

  test('Tab reaches the search box, and typing filters the list', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const { fixture, layered } = fixtureImages;
    const images = new ImagesPage(page);
    await images.shell.open(appUrl);
    await images.shell.expectOn('Images');
    await expect(images.row(fixture.id)).toBeVisible();
    await expect(images.row(layered.id)).toBeVisible();
    const unfocusedFrame = await images.searchFrameStyle();

    // Skip link, theme switch, shortcuts button, engine status, the ten destinations, then
    // the search box.
    await images.shell.tabTo(images.search, 15);
    await expect(images.search).toBeFocused();
    const focusedFrame = await images.searchFrameStyle();
    expect(
      focusedFrame,
      `the search box's frame looks the same with and without the focus`,
    ).not.toEqual(unfocusedFrame);
    expect(parseFloat(focusedFrame.width)).toBeGreaterThanOrEqual(2);

    await page.keyboard.type('stowage-test/layered');
    await expect(images.search).toHaveValue('stowage-test/layered');
    await expect(images.row(fixture.id)).toHaveCount(0);
    await expect(images.row(layered.id)).toBeVisible();
    await images.expectEveryRowToMention('stowage-test/layered');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await expect(images.search).toHaveValue('');
    await expect(images.row(fixture.id)).toBeVisible();
    await expect(images.row(layered.id)).toBeVisible();
    await expect(images.search).toBeFocused();
  });
});

test.describe('colour scheme', () => {
  test('a dark OS gets a dark page and a light OS a light one, both readable', async ({
    browser,
    appUrl,
    stowage,
  }) => {
    const seen: Record<string, { background: number; contrast: number; colorScheme: string }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      await signIn(context, stowage);
      try {
        const shell = new AppShell(await context.newPage());
        await shell.open(appUrl);
        await shell.expectOn('Images');
        const colours = await shell.pageColours();
        seen[colorScheme] = {
          background: relativeLuminance(colours.background),
          contrast: contrastRatio(colours.text, colours.background),
          colorScheme: colours.colorScheme,
        };
      } finally {
        await context.close();
      }
    }
    const { light, dark } = seen as Record<'light' | 'dark', (typeof seen)[string]>;
    expect(light.background, 'light page background luminance').toBeGreaterThan(0.8);
    expect(dark.background, 'dark page background luminance').toBeLessThan(0.1);
    // Text that does not follow the background would be unreadable in one of the two.
    expect(light.contrast, 'light text contrast').toBeGreaterThanOrEqual(4.5);
    expect(dark.contrast, 'dark text contrast').toBeGreaterThanOrEqual(4.5);
    // Native controls and scroll bars follow as well.
    expect(light.colorScheme).toBe('light');
    expect(dark.colorScheme).toBe('dark');
  });

  test('the page follows a change of the OS colour scheme without a reload', async ({
    page,
    appUrl,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const shell = new AppShell(page);
    await shell.open(appUrl);
    await shell.markDocument();
    const background = async () => relativeLuminance((await shell.pageColours()).background);
    expect(await background()).toBeGreaterThan(0.8);

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBeLessThan(0.1);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBeGreaterThan(0.8);
    await shell.expectSameDocument();
  });
});
