import { docker, TEST_LABEL } from '../test/support/docker';
import { expect, test } from './fixtures';
import { NetworksPage } from './pages/NetworksPage';

test.describe('Networks', () => {
  test('creates a network with a subnet, connects and disconnects a container, removes it', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const name = `stowage-test-e2e-${Date.now().toString(36)}`;
    const container = `${name}-box`;
    await docker([
      'run',
      '-d',
      '--label',
      `${TEST_LABEL}=1`,
      '--name',
      container,
      fixtureImages.fixture.id,
    ]);
    const networks = new NetworksPage(page);
    await networks.open(appUrl);

    // Bad input is named next to its field, and nothing can be sent.
    await networks.createButton.click();
    await networks.field('Name').fill('has space');
    await networks.field('Subnet').fill('10.234.5.1/24');
    await networks.field('Gateway').fill('10.9.9.9');
    await expect(networks.createDialog).toContainText('starting with a letter or digit');
    await expect(networks.createDialog).toContainText('host bits set');
    await expect(networks.createDialog.getByRole('button', { name: 'Create' })).toBeDisabled();
    await networks.field('Subnet').fill('10.234.5.0/24');
    await expect(networks.createDialog).toContainText('10.9.9.9 is not inside 10.234.5.0/24');

    await networks.field('Name').fill(name);
    await networks.field('Gateway').fill('10.234.5.1');
    await networks.field('Labels').fill(`${TEST_LABEL}=1`);
    await networks.createDialog.getByRole('button', { name: 'Create' }).click();
    await expect(networks.createDialog).toBeHidden();
    await expect(networks.row(name)).toContainText('10.234.5.0/24');
    await expect(networks.row(name)).toContainText('10.234.5.1');

    await expect(networks.detail.getByTestId('attached-empty')).toBeVisible();
    await networks.connect(container);
    await expect(networks.attached(container)).toContainText(/10\.234\.5\.\d+/);
    await expect(networks.row(name)).toContainText(container);

    // Removing it while a container is attached fails and says so...
    await networks.removeButton.click();
    await networks.confirmDialog.getByRole('button', { name: 'Remove' }).click();
    await expect(networks.removeError).toContainText(`Could not remove ${name}`);

    await networks
      .attached(container)
      .getByRole('button', { name: `Disconnect ${container}` })
      .click();
    await expect(networks.attached(container)).toHaveCount(0);
    // ...until the container is gone from it: then the alert no longer holds and goes.
    await expect(networks.removeError).toHaveCount(0);

    await networks.removeButton.click();
    await expect(networks.confirmDialog).toContainText(name);
    await networks.confirmDialog.getByRole('button', { name: 'Remove' }).click();
    await expect(networks.row(name)).toHaveCount(0);
  });

  test('the predefined networks cannot be chosen for removal', async ({ page, appUrl }) => {
    const networks = new NetworksPage(page);
    await networks.open(appUrl);
    await networks.row('bridge').click();
    await expect(networks.predefinedNote).toContainText('bridge is predefined');
    await expect(networks.removeButton).toBeDisabled();
  });
});
