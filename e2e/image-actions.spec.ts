import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestImage, docker, TEST_LABEL } from '../test/support/docker';
import { startRegistry } from '../test/support/registry';
import { expect, test } from './fixtures';
import { ImagesPage } from './pages/ImagesPage';

test.describe('Image actions', () => {
  test('pulls an image from a registry with live progress, and it appears in the list', async ({
    page,
    appUrl,
  }) => {
    const registry = await startRegistry();
    try {
      // An image of its own, gone from the engine once pushed, so the pull really downloads.
      const reference = `${registry.address}/stowage-test/pulled-e2e:1.0`;
      const source = await buildTestImage({
        tag: reference,
        files: { '/pulled': 'p'.repeat(30_000) },
      });
      await docker(['push', reference]);
      await docker(['rmi', '--force', source.id]);

      const images = new ImagesPage(page);
      await images.open(appUrl);
      await images.shell.expectEngineState('connected');
      await images.pullButton.click();
      const field = images.pullDialog.getByLabel('Image reference');
      await field.fill('Not A Reference');
      await expect(images.pullDialog).toContainText('Not an image reference');
      await expect(
        images.pullDialog.getByRole('button', { name: 'Pull', exact: true }),
      ).toBeDisabled();
      await images.pullDialog.getByRole('button', { name: 'Close' }).click();

      await images.pull(reference);
      await expect(images.pullDialog.getByTestId('stream-progress')).toContainText(
        `Pulling ${reference}`,
      );
      await images.pullDialog.getByRole('button', { name: 'Close' }).click();
      await expect(images.rows.filter({ hasText: reference })).toHaveCount(1);
    } finally {
      await registry.stop();
    }
  });

  test('removes an image after a confirmation that names it; a used image asks to force', async ({
    page,
    appUrl,
  }) => {
    const doomed = await buildTestImage({
      tag: 'stowage-test/doomed:1.0',
      files: { '/doomed': 'x' },
      extraDockerfileLines: ['CMD ["/bin/true"]'],
    });
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await expect(images.row(doomed.id)).toHaveCount(1);

    // Cancel keeps it.
    await images.row(doomed.id).click();
    await expect(images.detail).toContainText('stowage-test/doomed:1.0');
    await images.removeButton.click();
    await expect(images.confirmDialog).toContainText('stowage-test/doomed:1.0');
    await images.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(images.row(doomed.id)).toHaveCount(1);

    // A container uses it: refused, with the reason, and an offer to force.
    await docker(['create', '--label', `${TEST_LABEL}=1`, doomed.id]);
    await images.removeButton.click();
    await images.confirmDialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(images.removeError).toContainText(/container/);
    await images.removeError.getByRole('button', { name: 'Force remove' }).click();
    await images.confirmDialog.getByRole('button', { name: 'Force remove' }).click();
    await expect(images.row(doomed.id)).toHaveCount(0);
  });

  test('tags an image and pushes the new name with progress; filters; previews a prune', async ({
    page,
    appUrl,
  }) => {
    const registry = await startRegistry();
    try {
      const name = 'stowage-test/prune-e2e:1';
      const first = await buildTestImage({ tag: name, files: { '/v': 'one' } });
      const second = await buildTestImage({ tag: name, files: { '/v': 'two' } });
      const images = new ImagesPage(page);
      await images.open(appUrl);

      await images.row(second.id).click();
      await images.detail.getByRole('button', { name: 'Tag…' }).click();
      const newName = images.tagDialog.getByLabel('New name');
      await newName.fill('Bad Name');
      await expect(images.tagDialog).toContainText('Not an image reference');
      const pushed = `${registry.address}/stowage-test/pushed-e2e:1`;
      await newName.fill(pushed);
      await images.tagDialog.getByRole('button', { name: 'Tag', exact: true }).click();
      await expect(images.tagDialog).toBeHidden();
      await expect(images.row(second.id)).toContainText(pushed);

      await images.detail.getByRole('button', { name: 'Push…' }).click();
      await images.pushDialog.getByLabel('Tag').click();
      await page.getByRole('option', { name: pushed }).click();
      await images.pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
      await expect(images.pushDialog.getByTestId('push-done')).toContainText(`Pushed ${pushed}`, {
        timeout: 30_000,
      });
      await images.pushDialog.getByRole('button', { name: 'Close' }).click();

      // Rebuilt under the same name, the first image is dangling now.
      await images.filter('Dangling').click();
      await expect(images.row(first.id)).toHaveCount(1);
      await expect(images.row(second.id)).toHaveCount(0);
      await images.filter('Unused').click();
      await expect(images.row(second.id)).toHaveCount(1);
      await images.filter('All').click();

      // The preview names what would go; closing it removes nothing.
      await images.pruneButton.click();
      await expect(
        images.pruneDialog.getByTestId('prune-item').filter({ hasText: first.id.slice(7, 19) }),
      ).toHaveCount(1);
      await expect(images.pruneDialog.getByTestId('prune-summary')).toContainText('comes back');
      await images.pruneDialog.getByRole('button', { name: 'Close' }).click();
      await expect(images.row(first.id)).toHaveCount(1);
    } finally {
      await registry.stop();
    }
  });

  test('builds a folder: bad fields are named, steps and log stream, the new image opens', async ({
    page,
    appUrl,
  }) => {
    const folder = await mkdtemp(join(tmpdir(), 'stowage-e2e-build-'));
    try {
      await writeFile(
        join(folder, 'Dockerfile'),
        [
          'FROM stowage-test/fixture:1.0',
          'ARG NOTE',
          'RUN ["/bin/sh","-c","echo building with $NOTE"]',
          `LABEL ${TEST_LABEL}=1`,
        ].join('\n'),
      );
      const images = new ImagesPage(page);
      await images.open(appUrl);
      await images.buildButton.click();
      const dialog = images.buildDialog;
      await dialog.getByLabel('Folder').fill('relative/app');
      await dialog.getByLabel('Tags').fill('Bad:Tag');
      await dialog.getByRole('button', { name: 'Build', exact: true }).click();
      await expect(dialog).toContainText('Give the folder as an absolute path');
      await expect(dialog).toContainText('Bad:Tag: Not an image reference');
      await expect(dialog.getByTestId('build-progress')).toHaveCount(0);

      const tag = 'stowage-test/built-e2e:1';
      await dialog.getByLabel('Folder').fill(folder);
      await dialog.getByLabel('Tags').fill(tag);
      await dialog.getByLabel('Build arguments').fill('NOTE=a note from the dialog');
      await dialog.getByRole('button', { name: 'Build', exact: true }).click();
      await expect(dialog.getByTestId('build-done')).toContainText(`as ${tag}`, {
        timeout: 30_000,
      });
      await expect(dialog.getByTestId('build-step')).toContainText('Step 4 of 4');
      await expect(dialog.getByTestId('build-log')).toContainText(
        'building with a note from the dialog',
      );
      await dialog.getByRole('button', { name: 'Open image' }).click();
      await expect(dialog).toBeHidden();
      await expect(images.detail.getByRole('heading', { name: tag })).toBeVisible();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('the detail lists the containers made from an image, live', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await images.row(fixtureImages.layered.id).click();
    await images.detail.getByRole('tab', { name: /^Containers/ }).click();
    const name = `stowage-e2e-user-${Date.now()}`;
    await docker([
      'create',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=1`,
      fixtureImages.layered.id,
    ]);
    await expect(
      images.detail.getByTestId('image-container').filter({ hasText: name }),
    ).toHaveCount(1);
    await expect(images.detail.getByRole('tab', { name: /^Containers \(\d+\)/ })).toBeVisible();
    await docker(['rm', name]);
    await expect(
      images.detail.getByTestId('image-container').filter({ hasText: name }),
    ).toHaveCount(0);
  });
});
