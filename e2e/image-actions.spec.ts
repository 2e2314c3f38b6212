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
});
