import { expect, test } from './fixtures';
import { EcsPage } from './pages/EcsPage';

const memoryMissing =
  "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.";

test.describe('ECS', () => {
  test('a cluster over two zones runs three spread tasks, and one is stopped by the user', async ({
    page,
    appUrl,
  }) => {
    test.setTimeout(120_000);
    const cluster = `e2e-${Date.now().toString(36)}`;
    const family = `web-${Date.now().toString(36)}`;
    const ecs = new EcsPage(page);
    await ecs.open(appUrl);
    await expect(ecs.runtime).toHaveText('Tasks are simulated: no containers start');

    // A name ECS would refuse is named in the dialog, and Create stays off.
    await ecs.page.getByRole('button', { name: 'Create cluster' }).click();
    await ecs.createClusterDialog.getByLabel('Cluster name').fill('has space');
    await expect(ecs.createClusterDialog).toContainText(
      'can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores',
    );
    await expect(ecs.createClusterDialog.getByRole('button', { name: 'Create' })).toBeDisabled();
    await ecs.createClusterDialog.getByRole('button', { name: 'Cancel' }).click();

    // Creating opens the new cluster's map, empty until instances come.
    await ecs.createCluster(cluster);
    await expect(ecs.tab('Cluster map')).toHaveAttribute('aria-selected', 'true');
    await expect(ecs.page.getByTestId('map-empty')).toBeVisible();
    await ecs.addInstances('us-east-1a');
    await ecs.addInstances('us-east-1b');
    await expect(ecs.zoneColumns).toHaveCount(2);
    await expect(ecs.zone('us-east-1a').getByTestId('instance-card')).toHaveCount(1);
    await expect(ecs.zone('us-east-1b').getByTestId('instance-card')).toContainText('m5.large');

    // The form: a missing name at its field, ECS's own messages for what it refuses.
    await ecs.tab('Task definitions').click();
    await ecs.page.getByRole('button', { name: 'Create with form' }).click();
    await ecs.formDialog.getByLabel('Family').fill(family);
    await ecs.container(0).getByLabel('Container name').fill('app');
    const register = ecs.formDialog.getByRole('button', { name: 'Register' });
    await register.click();
    await expect(ecs.container(0)).toContainText('Name an image.');
    await expect(ecs.formDialog.getByTestId('form-problems')).toContainText('Container 1, image');
    await ecs.container(0).getByLabel('Image').fill('nginx:alpine');
    await register.click();
    await expect(ecs.formDialog.getByTestId('td-form-error')).toContainText(memoryMissing);
    await ecs.container(0).getByLabel('Memory (hard)').fill('lots');
    await register.click();
    await expect(ecs.container(0)).toContainText('A whole number');
    await ecs.container(0).getByLabel('Memory (hard)').fill('256');
    await ecs.container(0).getByRole('button', { name: 'Add port mapping' }).click();
    await ecs.container(0).getByLabel('Container port').fill('80');
    await register.click();
    await expect(ecs.formDialog).toBeHidden();
    await expect(ecs.page.getByTestId('families')).toContainText(family);

    // The JSON editor: the same messages for the same mistakes.
    await ecs.page.getByRole('button', { name: 'Create from JSON' }).click();
    const editor = ecs.jsonDialog.getByTestId('json-editor');
    await editor.fill(
      JSON.stringify({ family, containerDefinitions: [{ name: 'app', image: 'nginx' }] }),
    );
    await ecs.jsonDialog.getByRole('button', { name: 'Register' }).click();
    await expect(ecs.jsonDialog.getByTestId('json-editor-error')).toContainText(memoryMissing);
    await editor.fill('{"family": ');
    await ecs.jsonDialog.getByRole('button', { name: 'Register' }).click();
    await expect(ecs.jsonDialog.getByTestId('json-editor-error')).toContainText(
      'Invalid JSON received',
    );
    await ecs.jsonDialog.getByRole('button', { name: 'Cancel' }).click();

    // Three tasks spread over the zones.
    await ecs.family(family).click();
    await ecs.page.locator('[data-revision="1"]').click();
    await ecs.page.getByRole('button', { name: 'Run task…' }).click();
    await ecs.choose(ecs.runDialog, 'Cluster', cluster);
    await ecs.runDialog.getByLabel('Count').fill('3');
    await ecs.runDialog.getByRole('button', { name: 'Add strategy' }).click();
    await expect(ecs.runDialog.getByLabel('Field')).toHaveValue('attribute:ecs.availability-zone');
    await ecs.runDialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(ecs.runDialog).toBeHidden();

    await ecs.tab('Cluster map').click();
    await ecs.choose(ecs.page, 'Cluster', cluster);
    await expect(ecs.taskChips).toHaveCount(3);
    await expect(ecs.zone('us-east-1a').getByTestId('task-chip')).not.toHaveCount(0);
    await expect(ecs.zone('us-east-1b').getByTestId('task-chip')).not.toHaveCount(0);
    await expect(ecs.page.locator('[data-testid="task-chip"][data-status="RUNNING"]')).toHaveCount(
      3,
    );

    // Stopped with a reason: STOPPED, UserInitiated.
    await ecs.taskChips.first().click();
    await expect(ecs.tab('Tasks')).toHaveAttribute('aria-selected', 'true');
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('RUNNING');
    // A simulated task has no container to open: no links, and the row says why.
    await expect(ecs.taskDetail.getByTestId('no-container')).toHaveText(
      'None: tasks are simulated',
    );
    await expect(ecs.taskDetail.getByRole('button', { name: 'Logs', exact: true })).toHaveCount(0);
    await ecs.taskDetail.getByRole('button', { name: 'Stop task…' }).click();
    await ecs.stopDialog.getByLabel('Reason').fill('Done with the demo');
    await ecs.stopDialog.getByRole('button', { name: 'Stop task' }).click();
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('STOPPED');
    await expect(ecs.taskDetail.getByTestId('task-stop-code')).toHaveText('UserInitiated');
    await expect(ecs.taskDetail.getByTestId('task-stop')).toContainText('Done with the demo');
    await expect(
      ecs.taskDetail.getByTestId('task-timeline').locator('[data-field="stoppedAt"]'),
    ).toHaveAttribute('data-reached', 'true');

    // The map is down to two running tasks; the stopped one stays a while with its reason.
    await ecs.tab('Cluster map').click();
    await expect(ecs.page.locator('[data-testid="task-chip"][data-stage="running"]')).toHaveCount(
      2,
    );
    await expect(ecs.page.getByTestId('stopped-task')).toHaveCount(1);
    await expect(ecs.page.getByTestId('stop-reason')).toHaveText('Done with the demo');
    await expect(ecs.page.getByTestId('task-legend')).toContainText('stopping');

    // The Tasks tab's filter is in the URL: reload keeps it.
    await ecs.tab('Tasks').click();
    await ecs.choose(ecs.page, 'Status', 'RUNNING');
    await ecs.page.getByRole('textbox', { name: 'Find' }).fill('us-east-1');
    await expect(ecs.page).toHaveURL(/[?&]status=RUNNING/);
    await expect(ecs.page).toHaveURL(/[?&]q=us-east-1(&|$)/);
    await expect(ecs.page.getByTestId('tasks-count')).toHaveText('2 of 2 tasks');
    await ecs.page.reload();
    await expect(ecs.page.getByRole('textbox', { name: 'Find' })).toHaveValue('us-east-1');
    await ecs.page.getByRole('textbox', { name: 'Find' }).fill('no-such-task');
    await expect(ecs.page.getByTestId('tasks-filtered-out')).toBeVisible();
    await ecs.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(ecs.page.getByTestId('tasks-count')).toHaveText('2 tasks');

    // Both left are stopped at once, after a confirmation.
    await ecs.page.getByTestId('tasks-table').getByRole('checkbox', { name: 'Select all' }).click();
    await ecs.page.getByRole('button', { name: 'Stop 2 tasks…' }).click();
    await ecs.confirmDialog.getByRole('button', { name: 'Stop 2 tasks' }).click();
    await expect(ecs.page.getByTestId('tasks-empty')).toBeVisible();
    await ecs.page.getByRole('button', { name: 'Stopped', exact: true }).click();
    await expect(ecs.page).toHaveURL(/[?&]desired=STOPPED/);
    await expect(ecs.page.getByTestId('tasks-count')).toHaveText('3 tasks');

    // The ECS event log says what happened, in ECS's words.
    await ecs.shell.navLink('Events').click();
    await ecs.page.getByRole('tab', { name: 'ECS', exact: true }).click();
    await expect(ecs.page).toHaveURL(/#\/events\/ecs$/);
    const stoppedEvents = ecs.page.locator(
      '[data-testid="ecs-event-row"][data-last-status="STOPPED"]',
    );
    await expect(stoppedEvents).toHaveCount(3);
    await expect(stoppedEvents.first()).toContainText('Task state change');
    await ecs.shell.navLink('ECS').click();

    // The cluster cannot go while it has instances.
    await ecs.tab('Clusters').click();
    await ecs.page.locator(`[data-cluster="${cluster}"]`).click();
    await ecs.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(ecs.confirmDialog).toContainText(cluster);
    await ecs.confirmDialog.getByRole('button', { name: 'Delete' }).click();
    await expect(ecs.page.getByTestId('cluster-delete-error')).toContainText(
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    );
  });
});
