import {
  shortArn,
  webSocketPath,
  type CallInput,
  type CallName,
  type CallOutput,
} from '../src/shared';
import { openContractSocket } from '../test/support/contract-socket';
import { docker } from '../test/support/docker';
import { expect, test } from './ecs-docker.fixture';
import { ContainersPage } from './pages/ContainersPage';
import { EcsPage } from './pages/EcsPage';

test.describe('ECS tasks as real containers', () => {
  test('from a task’s detail, Logs and Terminal open its container; Back returns to the task', async ({
    page,
    dockerEcs,
  }) => {
    test.setTimeout(90_000);
    const { appUrl, token, cluster } = dockerEcs;
    const family = `greeter-${Date.now().toString(36)}`;
    const socket = await openContractSocket(`ws://${new URL(appUrl).host}${webSocketPath}`, {
      token,
    });
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const envelope = await socket.call(name, input);
      if ('error' in envelope) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result as CallOutput<K>;
    };
    await call('ecs.clusters.create', { clusterName: cluster });
    await call('ecs.instances.launch', {
      cluster,
      instanceType: 'm5.large',
      count: 1,
      availabilityZone: 'us-east-1a',
    });
    await call('ecs.taskDefinitions.register', {
      definition: {
        family,
        containerDefinitions: [
          {
            name: 'greeter',
            image: 'stowage-test/fixture:1.0',
            memory: 64,
            command: [
              '/bin/sh',
              '-c',
              "echo hello from the ecs task; trap 'exit 0' TERM; while true; do sleep 1; done",
            ],
          },
        ],
      },
    });
    const run = await call('ecs.tasks.run', {
      cluster,
      taskDefinition: family,
      launchType: 'EC2',
      count: 1,
    });
    socket.close();
    const taskArn = run.tasks[0]?.taskArn ?? '';
    expect(taskArn).not.toBe('');

    const ecs = new EcsPage(page);
    await ecs.open(appUrl);
    await expect(ecs.runtime).toHaveText('Tasks run as real containers on the Docker engine');
    await ecs.tab('Tasks').click();
    await page.locator(`[data-task="${taskArn}"]`).click();
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('RUNNING', {
      timeout: 30_000,
    });
    const row = ecs.taskDetail.getByRole('row').filter({ hasText: 'greeter' });
    await row.getByRole('link', { name: 'Logs', exact: true }).click();

    const containers = new ContainersPage(page);
    await expect(containers.heading).toBeVisible();
    await expect(containers.tab('Logs')).toHaveAttribute('aria-selected', 'true');
    await expect(containers.detail).toContainText(`ecs-${family}-1-greeter-`);
    await expect(containers.logs).toContainText('hello from the ecs task');

    // Back lands on the task, not on the first tab.
    await page.goBack();
    await expect(ecs.tab('Tasks')).toHaveAttribute('aria-selected', 'true');
    await expect(ecs.taskDetail).toContainText(shortArn(taskArn));
    await ecs.taskDetail
      .getByRole('row')
      .filter({ hasText: 'greeter' })
      .getByRole('link', { name: 'Terminal', exact: true })
      .click();
    await expect(containers.tab('Terminal')).toHaveAttribute('aria-selected', 'true');
    await expect(containers.detail).toContainText(`ecs-${family}-1-greeter-`);
    await expect(containers.detail).toContainText('Connect to open a terminal in the container');

    // Reload keeps the container and its tab; Back still returns to the task.
    await page.reload();
    await expect(containers.tab('Terminal')).toHaveAttribute('aria-selected', 'true');
    await expect(containers.detail).toContainText(`ecs-${family}-1-greeter-`);
    await page.goBack();
    await expect(ecs.tab('Tasks')).toHaveAttribute('aria-selected', 'true');
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('RUNNING');
    await expect(page).toHaveURL(
      new RegExp(`#/ecs/clusters/${cluster}/tasks/${shortArn(taskArn)}$`),
    );
  });

  test('deleting a cluster with everything in it leaves nothing on the engine', async ({
    page,
    dockerEcs,
  }) => {
    test.setTimeout(120_000);
    const { appUrl, token, cluster } = dockerEcs;
    const family = `teardown-${Date.now().toString(36)}`;
    const socket = await openContractSocket(`ws://${new URL(appUrl).host}${webSocketPath}`, {
      token,
    });
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const envelope = await socket.call(name, input);
      if ('error' in envelope) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result as CallOutput<K>;
    };
    await call('ecs.clusters.create', { clusterName: cluster });
    await call('ecs.instances.launch', {
      cluster,
      instanceType: 'm5.large',
      count: 2,
      availabilityZone: 'us-east-1a',
    });
    await call('ecs.taskDefinitions.register', {
      definition: {
        family,
        containerDefinitions: [{ name: 'app', image: 'stowage-test/fixture:1.0', memory: 32 }],
      },
    });
    const run = await call('ecs.tasks.run', {
      cluster,
      taskDefinition: family,
      launchType: 'EC2',
      count: 3,
    });
    expect(run.failures).toEqual([]);
    const containers = async (...filters: string[]) =>
      (await docker(['ps', '-aq', ...filters.flatMap((filter) => ['--filter', filter])]))
        .split('\n')
        .filter(Boolean);
    const ofFamily = `label=com.amazonaws.ecs.task-definition-family=${family}`;
    await expect
      .poll(() => containers(ofFamily, 'status=running'), { timeout: 60_000 })
      .toHaveLength(3);
    // One task stopped already: its exited container is on the engine too.
    await call('ecs.tasks.stop', { cluster, task: run.tasks[0]?.taskArn ?? '' });
    socket.close();
    await expect
      .poll(() => containers(ofFamily, 'status=exited'), { timeout: 60_000 })
      .toHaveLength(1);
    const clusterContainers = () => containers(`label=com.amazonaws.ecs.cluster=${cluster}`);

    const ecs = new EcsPage(page);
    await ecs.open(appUrl);
    await ecs.page.locator(`[data-cluster="${cluster}"]`).click();
    await ecs.page.getByRole('button', { name: 'Delete with everything in it…' }).click();
    const dialog = ecs.page.getByTestId('delete-cluster-dialog');
    const preview = dialog.getByTestId('delete-cluster-preview');
    // The cluster is this worker's: an earlier test may have left an instance and a task in it.
    await expect(preview).toContainText(/\d+ container instances/);
    await expect(preview).toContainText(/\d+ task containers on the Docker engine/);
    await expect(preview).toContainText(`the network stowage-ecs-${cluster}`);
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await expect(dialog.getByTestId('delete-cluster-done')).toBeVisible({ timeout: 90_000 });
    await expect(
      dialog.getByTestId('delete-cluster-progress').locator('[data-state="done"]'),
    ).toHaveCount(6);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(ecs.page.locator(`[data-cluster="${cluster}"]`)).toHaveCount(0);

    expect(await clusterContainers()).toEqual([]);
    expect(await docker(['network', 'ls', '-q', '--filter', `name=stowage-ecs-${cluster}`])).toBe(
      '',
    );
  });
});
