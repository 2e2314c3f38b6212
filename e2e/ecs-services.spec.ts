import { expect, test } from './fixtures';
import { EcsPage } from './pages/EcsPage';
import { screenshots } from './pages/screenshots';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

test.describe('ECS services', () => {
  test('a service from the wizard scales over the zones, survives a lost zone and rolls out', async ({
    page,
    appUrl,
  }, testInfo) => {
    test.setTimeout(240_000);
    const suffix = Date.now().toString(36);
    const cluster = `svc-${suffix}`;
    const family = `shop-${suffix}`;
    const ecs = new EcsPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await ecs.open(appUrl);

    await ecs.createCluster(cluster);
    for (const zone of zones) await ecs.addInstances(zone);
    await expect(ecs.zoneColumns).toHaveCount(3);
    const container = { name: 'app', memory: 64, portMappings: [{ containerPort: 80 }] };
    await ecs.registerJson({ family, containerDefinitions: [{ ...container, image: 'nginx:1' }] });

    // The wizard: the JSON it shows is the request it sends.
    // Task definitions show no cluster; the one chosen before stays chosen after them.
    await ecs.tab('Services').click();
    await expect(ecs.clusterSelect).toHaveText(cluster);
    await expect(ecs.page.getByTestId('services-empty')).toBeVisible();
    await ecs.page.getByRole('button', { name: 'Create service' }).click();
    const wizard = ecs.serviceWizard;
    // An option names its revision, then its network mode and launch types.
    await wizard.getByRole('combobox', { name: 'Task definition revision' }).click();
    await page.getByRole('option', { name: new RegExp(`^${family}:1(?!\\d)`) }).click();
    await wizard.getByLabel('Service name').fill('shop');
    await expect(wizard.getByTestId('create-service-json')).toContainText('"serviceName": "shop"');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Desired tasks').fill('2');
    await expect(wizard.getByTestId('create-service-json')).toContainText('"desiredCount": 2');
    // Past placement and network, and the load balancer step (none).
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Create service' }).click();
    await expect(wizard).toBeHidden();

    // Its own view: two tasks picked out on the map.
    await expect(ecs.serviceView).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/ecs/clusters/${cluster}/services/shop$`));
    await expect(ecs.serviceTaskChips()).toHaveCount(2);

    // 2 -> 5 with the stepper: one spread over the three zones.
    const more = ecs.serviceView.getByRole('button', { name: 'One task more' });
    for (let step = 0; step < 3; step++) await more.click();
    await expect(ecs.serviceTaskChips()).toHaveCount(5);
    await expect(ecs.page.getByTestId('service-health')).toHaveAttribute('data-health', 'steady');
    for (const zone of zones) await expect(ecs.serviceTaskChips(zone)).not.toHaveCount(0);
    await expect(ecs.page.getByTestId('service-event').first()).toContainText('(service shop)');
    await screenshots(ecs.page, testInfo, 'service-view');

    // A whole zone goes: the service comes back to five in the others.
    await ecs.serviceView.getByRole('tab', { name: 'Fault injection' }).click();
    const panel = ecs.page.getByTestId('fault-panel');
    await panel.getByRole('button', { name: 'Lose us-east-1a' }).click();
    await expect(panel.getByRole('button', { name: 'Restore us-east-1a' })).toBeVisible();
    await expect(ecs.serviceTaskChips('us-east-1a')).toHaveCount(0);
    await expect(
      ecs.page.locator('[data-testid="task-chip"][data-highlighted="true"][data-status="RUNNING"]'),
    ).toHaveCount(5);
    await expect(ecs.serviceTaskChips('us-east-1b')).not.toHaveCount(0);
    await expect(ecs.serviceTaskChips('us-east-1c')).not.toHaveCount(0);
    await expect(ecs.page.getByTestId('service-health')).toHaveAttribute('data-health', 'steady');
    await panel.getByRole('button', { name: 'Restore us-east-1a' }).click();
    await expect(panel.getByRole('button', { name: 'Lose us-east-1a' })).toBeVisible();

    // A new revision rolls out: the update dialog shows what changes, as data.
    await ecs.registerJson({ family, containerDefinitions: [{ ...container, image: 'nginx:2' }] });
    await ecs.tab('Services').click();
    await ecs.page
      .getByTestId('services-table')
      .getByRole('button', { name: 'shop', exact: true })
      .click();
    await ecs.serviceView.getByRole('button', { name: 'Update' }).click();
    await ecs.choose(ecs.updateServiceDialog, 'Task definition revision', `${family}:2`);
    await expect(ecs.updateServiceDialog.getByTestId('revision-diff')).toContainText(
      'containerDefinitions[app].image',
    );
    await ecs.updateServiceDialog.getByRole('button', { name: 'Update' }).click();
    await expect(ecs.updateServiceDialog).toBeHidden();
    const primary = ecs.page.locator('[data-testid="deployment"][data-status="PRIMARY"]');
    await expect(primary).toContainText(`${family}:2`);
    await expect(primary).toHaveAttribute('data-rollout', 'COMPLETED', { timeout: 60_000 });
    await expect(ecs.page.locator('[data-testid="deployment"]')).toHaveCount(1);
    await expect(ecs.serviceTaskChips()).toHaveCount(5);
    await expect(ecs.page.getByTestId('deployment-history')).toContainText('SUCCESSFUL');
    await screenshots(ecs.page, testInfo, 'service-deployments');
  });
});
