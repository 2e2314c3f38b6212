import { expect, test } from './fixtures';
import { EcsPage } from './pages/EcsPage';
import { LoadBalancingPage } from './pages/LoadBalancingPage';
import { screenshots } from './pages/screenshots';
import { ServiceDeployments } from './pages/ServiceDeployments';

test.describe('ECS deployment strategies', () => {
  test('a blue/green deployment moves production to green through its stages, and a stop rolls it back', async ({
    page,
    appUrl,
  }, testInfo) => {
    test.setTimeout(180_000);
    const suffix = Date.now().toString(36);
    const family = `bg-${suffix}`;
    const blue = `blue-${suffix}`;
    const green = `green-${suffix}`;
    const ecs = new EcsPage(page);
    const lb = new LoadBalancingPage(ecs);
    const deployments = new ServiceDeployments(ecs);
    await page.setViewportSize({ width: 1440, height: 900 });
    await ecs.open(appUrl);

    // Capacity for both revisions at once, two revisions, a load balancer and a spare group.
    await ecs.createCluster(`bg-${suffix}`);
    await ecs.addInstances('us-east-1a', 2);
    await ecs.addInstances('us-east-1b', 2);
    const container = { name: 'app', memory: 32, portMappings: [{ containerPort: 80 }] };
    await ecs.registerJson({
      family,
      containerDefinitions: [{ ...container, image: 'busybox:1' }],
    });
    await ecs.registerJson({
      family,
      containerDefinitions: [{ ...container, image: 'busybox:1.36' }],
    });
    await lb.create(`web-${suffix}`, blue, 'Instances');
    await lb.createSpareTargetGroup(`spare-${suffix}`, green);
    await lb.createServiceBehind(family, 'web', 2, blue);
    await lb.serviceTab('Load balancer').click();
    await expect(lb.targetsOf(blue)).toHaveCount(2);
    await expect(
      page.locator(
        `[data-testid="target-group"][data-target-group="${blue}"] [data-testid="target-health"][data-state="healthy"]`,
      ),
    ).toHaveCount(2, { timeout: 60_000 });

    // Blue/green with a one-minute bake: nothing is in progress, so nothing can be stopped.
    await deployments.tab().click();
    await expect(deployments.stopButton).toBeDisabled();
    await deployments.rollOut({
      revision: `${family}:2`,
      strategy: 'Blue/green',
      timing: { 'Bake time (minutes)': '1' },
      alternateTargetGroup: green,
      productionListener: `web-${suffix} · HTTP:8080`,
    });

    // Green scales up while production stays on blue, then takes it all and bakes.
    await expect(deployments.progress).toBeVisible();
    await expect(deployments.progress).toHaveAttribute(
      'data-stage',
      /^(RECONCILE_SERVICE|PRE_SCALE_UP|SCALE_UP)$/,
    );
    await expect(deployments.split).toHaveAttribute('data-green', '0');
    await expect(deployments.blue).toHaveText(`Blue 100 % · ${blue} (${family}:1)`);
    await expect(deployments.green).toHaveText(`Green 0 % · ${green} (${family}:2)`);
    await expect(deployments.progress).toHaveAttribute('data-stage', 'BAKE_TIME', {
      timeout: 60_000,
    });
    await expect(deployments.split).toHaveAttribute('data-green', '100');
    await expect(deployments.green).toHaveText(`Green 100 % · ${green} (${family}:2)`);
    await expect(deployments.blue).toHaveText(`Blue 0 % · ${blue} (${family}:1)`);
    await screenshots(page, testInfo, 'strategy-deployment', deployments.progress);

    // Traffic sent now is answered by green's targets only.
    await lb.serviceTab('Load balancer').click();
    await expect(lb.targetsOf(green)).toHaveCount(2);
    // A simulated target answers under its task's id; the table shows each target's task.
    const greenRows = (await lb.targetsOf(green).allInnerTexts()).join('\n');
    await lb.sendTraffic(20, 3);
    await expect(page.locator('[data-testid="traffic-run"][data-running="false"]')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId('traffic-listener').first()).toContainText(
      `web-${suffix} · HTTP:8080`,
    );
    const answered = await lb.trafficTargets.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-target')),
    );
    expect(answered.length).toBeGreaterThan(0);
    for (const target of answered) expect(greenRows).toContain(target?.slice(0, 8));

    // Stopped during the bake, ECS rolls back: production goes back to blue, green is drained.
    await deployments.tab().click();
    await expect(deployments.stopButton).toBeEnabled();
    await deployments.stop();
    await expect(deployments.historyRows.first()).toHaveAttribute(
      'data-status',
      /^ROLLBACK_(IN_PROGRESS|SUCCESSFUL)$/,
    );
    await expect(deployments.historyRows.first()).toHaveAttribute(
      'data-status',
      'ROLLBACK_SUCCESSFUL',
      { timeout: 60_000 },
    );
    await expect(deployments.progress).toBeHidden();
    await expect(deployments.stopButton).toBeDisabled();
    await lb.serviceTab('Load balancer').click();
    await expect(page.getByTestId('listener-forward').first()).toContainText(`${blue} (100 %)`);
  });
});
