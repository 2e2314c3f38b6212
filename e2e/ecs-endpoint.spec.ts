import { createServer } from 'node:net';
import { expect, test } from './fixtures';
import { EcsPage } from './pages/EcsPage';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

test.describe('ECS API endpoint', () => {
  test('turned on from the Clusters tab it shows its URL and answers; off, it closes', async ({
    page,
    appUrl,
  }) => {
    const ecs = new EcsPage(page);
    await ecs.open(appUrl);
    await expect(ecs.endpointButton).toHaveText('API endpoint');
    await ecs.endpointButton.click();
    const dialog = ecs.endpointDialog;
    await expect(dialog.getByTestId('endpoint-off')).toContainText('Off.');

    // A port ECS would never get is named and the switch stays off.
    const port = dialog.getByLabel('Port');
    await port.fill('70000');
    await expect(dialog).toContainText('A whole number from 1 to 65535.');
    const serve = dialog.getByRole('switch', { name: 'Serve the ECS API' });
    await expect(serve).toBeDisabled();

    const free = await freePort();
    const url = `http://127.0.0.1:${free}`;
    await port.fill(String(free));
    await serve.click();
    await expect(serve).toBeChecked();
    await expect(dialog.getByTestId('endpoint-url')).toHaveText(url);
    await expect(dialog.getByTestId('endpoint-example')).toHaveText(
      `aws ecs list-clusters --endpoint-url ${url} --region us-east-1`,
    );
    await expect(dialog.getByRole('button', { name: 'Copy endpoint url' })).toBeVisible();
    const hello = await fetch(`${url}/`);
    expect(hello.status).toBe(200);
    expect(await hello.json()).toMatchObject({ service: 'Stowage ECS endpoint' });

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(ecs.endpointButton).toHaveText(`API endpoint on :${free}`);

    await ecs.endpointButton.click();
    await serve.click();
    await expect(serve).not.toBeChecked();
    await expect(dialog.getByTestId('endpoint-off')).toBeVisible();
    await expect(fetch(`${url}/`)).rejects.toThrow();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(ecs.endpointButton).toHaveText('API endpoint');
  });
});
