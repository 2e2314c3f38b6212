import { docker, TEST_LABEL } from '../test/support/docker';
import { expect, test } from './fixtures';
import { VolumesPage } from './pages/VolumesPage';

test.describe('Volumes', () => {
  test('creates a volume, browses what a container wrote into it, and removes it with its user', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const name = `stowage-test-e2e-${Date.now().toString(36)}`;
    const volumes = new VolumesPage(page);
    await volumes.open(appUrl);

    // Bad input is named next to its field, and nothing can be sent.
    await volumes.fillCreate('-bad name', 'ok=1\nbad key=2');
    await expect(volumes.createDialog).toContainText('starting with a letter or digit');
    await expect(volumes.createDialog).toContainText('Line 2: A label key has no spaces');
    await expect(volumes.createDialog.getByRole('button', { name: 'Create' })).toBeDisabled();

    await volumes.createDialog.getByLabel('Name').fill(name);
    await volumes.createDialog.getByLabel('Labels').fill(`${TEST_LABEL}=1\norg.example.team=web`);
    await volumes.createDialog.getByRole('button', { name: 'Create' }).click();
    await expect(volumes.createDialog).toBeHidden();
    await expect(volumes.row(name)).toHaveCount(1);
    // The new volume is chosen, and is empty.
    await expect(volumes.detail.getByTestId('files-empty')).toBeVisible();

    const writer = `${name}-writer`;
    await docker([
      'run',
      '--label',
      `${TEST_LABEL}=1`,
      '--name',
      writer,
      '-v',
      `${name}:/data`,
      fixtureImages.fixture.id,
      'sh',
      '-c',
      'mkdir -p /data/logs && printf "hello volume" > /data/logs/app.log && ln -s /etc /data/etc-link',
    ]);
    await expect(volumes.row(name)).toContainText(writer);

    await volumes.detail.getByRole('button', { name: 'Refresh files' }).click();
    await expect(volumes.fileRow('etc-link')).toContainText('→ /etc');
    await volumes.openFolder('logs');
    await expect(volumes.filePath).toContainText('logs');
    await expect(volumes.fileRow('app.log')).toContainText('12 B');
    await volumes.filePath.getByRole('button', { name: '/', exact: true }).click();
    await expect(volumes.fileRow('logs')).toBeVisible();

    // Used by a container: the confirmation names it before anything is tried, and Force
    // remove there removes the volume together with it.
    await volumes.removeButton.click();
    await expect(volumes.confirmDialog).toContainText(name);
    await expect(volumes.confirmDialog.getByTestId('confirm-in-use')).toContainText(writer);
    await volumes.confirm('Force remove');
    await expect(volumes.row(name)).toHaveCount(0);
    await expect(docker(['inspect', writer])).rejects.toThrow(/No such object/);
  });

  test('previews a prune that lists only the unused volumes', async ({ page, appUrl }) => {
    const unused = `stowage-test-e2e-unused-${Date.now().toString(36)}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=1`, unused]);
    const volumes = new VolumesPage(page);
    await volumes.open(appUrl);
    await expect(volumes.row(unused)).toHaveCount(1);
    await volumes.pruneButton.click();
    await expect(
      volumes.pruneDialog.getByTestId('prune-item').filter({ hasText: unused }),
    ).toHaveCount(1);
    await volumes.pruneDialog.getByRole('button', { name: 'Close' }).click();
    await expect(volumes.row(unused)).toHaveCount(1);
  });

  test('keyboard: a volume chosen with the arrows and Space, a folder opened with Enter', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const name = `stowage-test-e2e-keys-${Date.now().toString(36)}`;
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=1`, name]);
    await docker([
      'run',
      '--rm',
      '--label',
      `${TEST_LABEL}=1`,
      '-v',
      `${name}:/data`,
      fixtureImages.fixture.id,
      'mkdir',
      '-p',
      '/data/inner/deeper',
    ]);
    const volumes = new VolumesPage(page);
    await volumes.open(appUrl);
    await volumes.search.fill(name);
    await expect(volumes.rows).toHaveCount(1);
    await volumes.table.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect(volumes.row(name)).toHaveAttribute('aria-selected', 'true');
    const open = volumes.detail.getByRole('button', { name: 'Open inner', exact: true });
    await open.focus();
    await page.keyboard.press('Enter');
    await expect(volumes.fileRow('deeper')).toBeVisible();
    await expect(volumes.filePath).toContainText('inner');
  });
});
