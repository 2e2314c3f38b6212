import { expect, test } from './fixtures';
import { EcsPage } from './pages/EcsPage';
import { LoadBalancingPage } from './pages/LoadBalancingPage';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

test.describe('ECS load balancing and auto scaling', () => {
  test('a service behind a load balancer spreads traffic and scales out under load and back in', async ({
    page,
    appUrl,
  }) => {
    test.setTimeout(600_000);
    const suffix = Date.now().toString(36);
    const cluster = `lb-${suffix}`;
    const family = `web-${suffix}`;
    const ecs = new EcsPage(page);
    const lb = new LoadBalancingPage(ecs);
    await page.setViewportSize({ width: 1440, height: 900 });
    await ecs.open(appUrl);

    await ecs.createCluster(cluster);
    for (const zone of zones) await ecs.addInstances(zone, 2);
    await ecs.registerJson({
      family,
      containerDefinitions: [
        { name: 'app', image: 'busybox:1', memory: 32, portMappings: [{ containerPort: 80 }] },
      ],
    });

    // A load balancer: none yet, then one with a listener and an instance target group.
    await lb.tab().click();
    await expect(page.getByTestId('load-balancers-empty')).toBeVisible();
    await lb.create(`web-${suffix}`, `web-tg-${suffix}`, 'Instances');
    await expect(page).toHaveURL(
      new RegExp(`#/ecs/clusters/${cluster}/load-balancers/web-${suffix}$`),
    );
    await expect(page.getByTestId('listener-curl')).toContainText('curl -i');
    await expect(page.getByTestId('targets-empty')).toBeVisible();

    // A service of three tasks behind it, from the wizard's Load balancer step.
    await lb.createServiceBehind(family, 'web', 3, `web-tg-${suffix}`);

    // Its targets turn healthy; traffic reaches all three.
    await lb.serviceTab('Load balancer').click();
    await expect(page.locator('[data-testid="target-health"][data-state="healthy"]')).toHaveCount(
      3,
      { timeout: 120_000 },
    );
    await lb.sendTraffic(30, 20);
    await expect(lb.trafficTargets).toHaveCount(3, { timeout: 60_000 });
    await expect(page.getByTestId('live-note').or(page.getByTestId('traffic-sent'))).toBeVisible();
    await expect(page.locator('[data-testid="traffic-status"][data-status="200"]')).toBeVisible();

    // Auto scaling: 1 to 6 tasks, CPU kept at 50 %, demo timing to watch it.
    await lb.serviceTab('Auto scaling').click();
    await lb.autoScaling.getByRole('button', { name: 'Turn on auto scaling' }).click();
    const capacity = page.getByRole('dialog', { name: /^Turn on auto scaling/ });
    await capacity.getByLabel('Minimum tasks').fill('1');
    await capacity.getByLabel('Maximum tasks').fill('6');
    await capacity.getByRole('button', { name: 'Turn on' }).click();
    await expect(lb.capacity).toContainText('Between 1 and 6 tasks');
    const demo = page.getByTestId('demo-timing').getByRole('switch', { name: 'Demo timing' });
    if (!(await demo.isChecked())) await demo.click();
    await expect(demo).toBeChecked();
    await lb.autoScaling.getByRole('button', { name: 'Target tracking' }).click();
    const policy = page.getByRole('dialog', { name: 'Add a target-tracking policy' });
    await policy.getByLabel('Target value (%)').fill('50');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect(policy).toBeHidden();
    await expect(page.getByTestId('policy')).toContainText('Keeps average CPU at 50 %');

    // Load: the service scales out, the activity is on the chart with its cause.
    await lb.dial('CPU', 'End');
    await expect(lb.capacity).toContainText(/now [4-6]$/, { timeout: 240_000 });
    await expect(page.getByTestId('activity-mark').first()).toBeVisible();
    await expect(page.getByTestId('scaling-activity').first()).toContainText(
      'Setting desired count to',
    );
    await expect(page.getByTestId('scaling-activity').first()).toContainText('triggered policy');

    // No load: back in, gradually.
    await lb.dial('CPU', 'Home');
    await expect(lb.capacity).toContainText(/now [1-3]$/, { timeout: 300_000 });
  });
});
