import { createServer } from 'node:net';
import { docker, TEST_LABEL } from '../test/support/docker';
import { expect, test } from './fixtures';
import { ContainersPage } from './pages/ContainersPage';

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.describe('Containers', () => {
  test('bad input in the run dialog shows messages at the fields and sends nothing', async ({
    page,
    appUrl,
  }) => {
    const sent: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => sent.push(String(frame.payload))),
    );
    const containers = new ContainersPage(page);
    await containers.open(appUrl);
    await containers.runButton.click();
    const ports = await containers.addRow('Ports');
    await ports.getByLabel('Host port').fill('99999');
    await ports.getByLabel('Container port').fill('80-82');
    await containers.runField('Name').fill('-not a name');
    await containers.runField('Memory').fill('lots');
    await containers.runDialog.getByRole('button', { name: 'Run', exact: true }).click();

    await expect(containers.runDialog.getByTestId('run-invalid')).toBeVisible();
    await expect(containers.runDialog).toContainText('Name an image by id or reference');
    await expect(containers.runDialog).toContainText('Host port: a port from 1 to 65535');
    await expect(containers.runDialog).toContainText('A name starts with a letter or digit');
    await expect(containers.runDialog).toContainText('Memory: a size such as 512m');
    expect(sent.filter((frame) => frame.includes('containers.run'))).toEqual([]);
    await containers.runDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(containers.runDialog).toBeHidden();
  });

  test('previews a prune that lists the stopped containers and not the running ones', async ({
    page,
    appUrl,
  }) => {
    const suffix = Date.now().toString(36);
    const stopped = `stowage-e2e-stopped-${suffix}`;
    const running = `stowage-e2e-running-${suffix}`;
    await docker([
      'create',
      '--name',
      stopped,
      '--label',
      `${TEST_LABEL}=1`,
      'stowage-test/layered:1.0',
    ]);
    await docker([
      'run',
      '-d',
      '--name',
      running,
      '--label',
      `${TEST_LABEL}=1`,
      'stowage-test/layered:1.0',
      'sleep',
      '300',
    ]);
    const containers = new ContainersPage(page);
    await containers.open(appUrl);
    await page.getByRole('button', { name: 'Prune…' }).click();
    const prune = page.getByRole('dialog', { name: 'Prune stopped containers' });
    await expect(prune.getByTestId('prune-summary')).toContainText(/stopped containers? go/);
    await expect(prune.getByTestId('prune-item').filter({ hasText: stopped })).toHaveCount(1);
    await expect(prune.getByTestId('prune-item').filter({ hasText: running })).toHaveCount(0);
    await prune.getByRole('button', { name: 'Close' }).click();
    await expect(prune).toBeHidden();
    await docker(['rm', '-f', stopped, running]);
  });

  test('groups by compose project under header rows that collapse and select from the keyboard', async ({
    page,
    appUrl,
  }) => {
    const project = `stowage-e2e-${Date.now().toString(36)}`;
    for (const member of ['a', 'b']) {
      await docker([
        'create',
        '--name',
        `${project}-${member}`,
        '--label',
        `${TEST_LABEL}=1`,
        '--label',
        `com.docker.compose.project=${project}`,
        'stowage-test/layered:1.0',
      ]);
    }
    const containers = new ContainersPage(page);
    await containers.open(appUrl);
    await containers.groupBy('Compose project');
    const header = containers.group(project);
    await expect(header).toContainText('2');
    await expect(header.getByRole('checkbox', { name: 'Select row' })).toHaveCount(0);
    await expect(containers.row(`${project}-a`)).toHaveCount(1);

    // The header's checkbox selects the whole group.
    await header.getByRole('checkbox', { name: `Select ${project}` }).check();
    await expect(header).toContainText('2 selected');
    await expect(containers.removeButton()).toHaveText('Remove 2');

    // From the keyboard: focus the header, Left collapses, Right expands, Enter toggles.
    await header.click();
    await expect(header).toHaveAttribute('aria-expanded', 'false');
    await expect(containers.row(`${project}-a`)).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(header).toHaveAttribute('aria-expanded', 'true');
    await expect(containers.row(`${project}-b`)).toHaveCount(1);
    await page.keyboard.press('ArrowLeft');
    await expect(header).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Enter');
    await expect(header).toHaveAttribute('aria-expanded', 'true');
    await docker(['rm', '--force', `${project}-a`, `${project}-b`]);
  });

  test('runs a web server from the run dialog and uses it end to end', async ({ page, appUrl }) => {
    test.setTimeout(120_000);
    const name = `stowage-test-web-${Date.now().toString(36)}`;
    const hostPort = await unusedPort();
    const containers = new ContainersPage(page);
    await containers.open(appUrl);

    await containers.runButton.click();
    await containers.runField('Image').fill('stowage-test/layered:1.0');
    await containers.runField('Name').fill(name);
    await containers
      .runField('Command')
      .fill(`sh -c "echo serving /srv; echo warned >&2; exec /bin/httpd -f -p 8080 -h /srv"`);
    const ports = await containers.addRow('Ports');
    await ports.getByLabel('Host port').fill(String(hostPort));
    await ports.getByLabel('Container port').fill('8080');
    const labels = await containers.addRow('Labels');
    await labels.getByLabel('Name').fill(TEST_LABEL);
    await labels.getByLabel('Value').fill('1');
    await expect(containers.runDialog.getByTestId('docker-run-command')).toContainText(
      `-p ${hostPort}:8080`,
    );
    await containers.runDialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(containers.runDialog).toBeHidden();
    await containers.expectState(name, 'running');
    await expect(containers.detail).toContainText(name);

    // The list's live columns fill in from the engine's stats.
    await expect(containers.row(name).getByTestId('container-cpu')).toHaveText(/^\d+(\.\d)? %$/, {
      timeout: 15_000,
    });
    await expect(containers.row(name).getByTestId('container-memory')).toHaveText(
      /^[\d.]+ (B|[KMG]iB)$/,
    );

    // The published port opens the page in a new tab.
    const link = containers.row(name).getByTestId('port-link');
    await expect(link).toHaveAttribute('target', '_blank');
    const [served] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await served.waitForLoadState();
    await expect(served.locator('h1')).toHaveText('Stowage fixture');
    await served.close();

    // Logs: stdout and stderr, told apart.
    await expect(
      containers.logs.getByTestId('log-line').filter({ hasText: 'serving /srv' }),
    ).toHaveAttribute('data-stream', 'stdout');
    await expect(
      containers.logs.getByTestId('log-line').filter({ hasText: 'warned' }),
    ).toHaveAttribute('data-stream', 'stderr');

    // Terminal: a shell in the container answers.
    await containers.tab('Terminal').click();
    await containers.detail.getByRole('button', { name: 'Connect' }).click();
    await expect(containers.terminal).toContainText('/ #');
    await containers.terminal.click();
    await page.keyboard.type(`echo hel''lo`);
    await page.keyboard.press('Enter');
    await expect(
      containers.terminal.locator('.xterm-rows > div').filter({ hasText: /^hello\s*$/ }),
    ).toHaveCount(1);

    // Stats: the charts move as samples arrive.
    await containers.tab('Stats').click();
    const memoryLine = containers.detail
      .getByTestId('stats-memory')
      .locator('path.MuiLineChart-line')
      .first();
    await expect(memoryLine).toHaveAttribute('d', /.+/, { timeout: 15_000 });
    const before = await memoryLine.getAttribute('d');
    await expect.poll(() => memoryLine.getAttribute('d'), { timeout: 15_000 }).not.toBe(before);

    // Stop from the page; then a kill from the docker CLI shows without a reload.
    await containers.action('Stop').click();
    await containers.expectState(name, 'exited', 20_000);
    await containers.action('Start').click();
    await containers.expectState(name, 'running');
    // The row follows the engine's events: the kill shows within a second of the CLI returning.
    await docker(['kill', name]);
    await containers.expectState(name, 'exited', 1_000);

    // Rename, with the name checked before it is sent.
    await containers.detail.getByRole('button', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename the container' });
    await rename.getByLabel('New name').fill('-bad');
    await expect(rename).toContainText('A name starts with a letter or digit');
    await expect(rename.getByRole('button', { name: 'Rename' })).toBeDisabled();
    const renamed = `${name}-renamed`;
    await rename.getByLabel('New name').fill(renamed);
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(containers.row(renamed)).toHaveCount(1);
    await expect(containers.row(name)).toHaveCount(0);

    // Remove, after a confirmation that names it.
    await containers.removeButton().click();
    await expect(containers.removeDialog.getByTestId('remove-items')).toContainText(renamed);
    await containers.removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(containers.row(renamed)).toHaveCount(0);
    await expect(docker(['inspect', renamed])).rejects.toThrow(/No such/);
  });
});
