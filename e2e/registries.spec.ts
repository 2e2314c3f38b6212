import { docker } from '../test/support/docker';
import { startRegistry, type LocalRegistry } from '../test/support/registry';
import { expect, test } from './fixtures';
import { RegistriesPage } from './pages/RegistriesPage';

/** Pushes the fixture image to the registry under `repository:tag` with the docker CLI. */
async function pushFixture(registry: LocalRegistry, repository: string, tag: string) {
  const reference = `${registry.address}/${repository}:${tag}`;
  await docker(['tag', 'stowage-test/fixture:1.0', reference]);
  try {
    await docker(['push', reference]);
  } finally {
    await docker(['rmi', reference]);
  }
  return reference;
}

test.describe('Registries', () => {
  test('adds a registry by URL, browses to a tag, pulls it, deletes it after confirming, and pushes one', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    expect(fixtureImages.fixture.id).toMatch(/^sha256:/);
    const registry = await startRegistry();
    try {
      const reference = await pushFixture(registry, 'stowage-test/fixture', '1.0');
      const registries = new RegistriesPage(page);
      await registries.open(appUrl);
      await expect(registries.empty).toContainText('Add registry');

      await registries.addButton.click();
      await registries.addDialog.getByLabel('Registry address').fill('not a registry');
      await expect(registries.addDialog).toContainText('host[:port]');
      await expect(
        registries.addDialog.getByRole('button', { name: 'Add', exact: true }),
      ).toBeDisabled();
      await registries.addDialog.getByRole('button', { name: 'Cancel' }).click();

      await registries.add(`http://${registry.address}/`, registry.address);
      await expect(registries.registry(registry.address)).toContainText('Anonymous');
      await registries.openRepository('stowage-test/fixture');
      await expect(registries.tags).toHaveCount(1);
      await registries.openTag('1.0');

      await expect(registries.manifest).toContainText(
        'application/vnd.docker.distribution.manifest.v2+json',
      );
      await expect(registries.manifest).toContainText('linux/amd64');
      expect(await registries.layers.count()).toBeGreaterThan(0);
      await expect(registries.layers.first()).toContainText(/\d+(\.\d+)? (B|kB|MB)/);

      await registries.panel.getByRole('button', { name: 'Pull 1.0' }).click();
      await expect(page.getByTestId('registry-pull-done')).toContainText(`Pulled ${reference}`, {
        timeout: 30_000,
      });
      await docker(['rmi', reference]);

      await registries.panel.getByRole('button', { name: 'Delete tag' }).click();
      await expect(registries.confirmDialog).toContainText(reference);
      await registries.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(registries.manifest).toBeVisible();

      await registries.panel.getByRole('button', { name: 'Delete tag' }).click();
      await registries.confirmDialog.getByRole('button', { name: 'Delete tag' }).click();
      await expect(page.getByTestId('tags-empty')).toBeVisible();
      const left = await fetch(`http://${registry.address}/v2/stowage-test/fixture/tags/list`);
      expect(((await left.json()) as { tags: string[] | null }).tags ?? []).toEqual([]);

      // Push it back from this page: tagged for the registry first, then pushed.
      await registries.panel.getByRole('button', { name: 'Push image' }).click();
      await registries.pushDialog.getByRole('combobox', { name: 'Local image' }).click();
      await page.getByRole('option', { name: 'stowage-test/fixture:1.0', exact: true }).click();
      await expect(registries.pushDialog.getByLabel('Repository')).toHaveValue(
        'stowage-test/fixture',
      );
      await registries.pushDialog.getByLabel('Tag', { exact: true }).fill('2.0');
      await registries.pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
      await expect(registries.pushDialog.getByTestId('registry-push-done')).toContainText(
        `Pushed ${registry.address}/stowage-test/fixture:2.0`,
        { timeout: 30_000 },
      );
      await registries.pushDialog.getByRole('button', { name: 'Close' }).click();
      await expect(registries.tag('2.0')).toBeVisible();
      await docker(['rmi', `${registry.address}/stowage-test/fixture:2.0`]);
    } finally {
      await registry.stop();
    }
  });

  test('signs in to a registry with basic auth, refusing a wrong password, and signs out', async ({
    page,
    appUrl,
  }) => {
    // The app's HOME is a temporary folder (fixtures.ts), so its docker config is too, unless
    // DOCKER_CONFIG points elsewhere: then a sign-in would write to a real config.
    test.skip(
      Boolean(process.env.DOCKER_CONFIG),
      'DOCKER_CONFIG is set, so the app would sign in to the real docker config.',
    );
    const registry = await startRegistry({
      basicAuth: { username: 'stowage', password: 'e2e password' },
    });
    try {
      const registries = new RegistriesPage(page);
      await registries.open(appUrl);
      // From the keyboard: the button, the address, Enter.
      await registries.addButton.focus();
      await page.keyboard.press('Enter');
      await expect(registries.addDialog.getByLabel('Registry address')).toBeFocused();
      await page.keyboard.type(registry.address);
      await page.keyboard.press('Enter');
      await expect(registries.addDialog).toBeHidden();
      await expect(page.getByTestId('repositories-error')).toContainText('Sign in');

      await registries.panel.getByRole('button', { name: 'Sign in', exact: true }).click();
      await registries.signInDialog.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(registries.signInDialog).toContainText('A user name is needed.');
      await registries.signInDialog.getByRole('button', { name: 'Cancel' }).click();

      await registries.signIn('stowage', 'wrong');
      await expect(registries.signInDialog.getByTestId('sign-in-error')).toContainText('refused');
      await registries.signInDialog.getByLabel('Password or token').fill('e2e password');
      await page.keyboard.press('Enter');
      await expect(registries.signInDialog).toBeHidden();
      await expect(registries.registry(registry.address)).toContainText('Signed in as stowage');
      await expect(page.getByTestId('repositories-empty')).toBeVisible();

      await registries.panel.getByRole('button', { name: 'Sign out' }).click();
      await expect(registries.confirmDialog).toContainText(`stowage@${registry.address}`);
      await registries.confirmDialog.getByRole('button', { name: 'Sign out' }).click();
      await expect(registries.registry(registry.address)).toContainText('Anonymous');
      await expect(page.getByTestId('repositories-error')).toContainText('Sign in');
    } finally {
      await registry.stop();
    }
  });
});
