import { docker } from '../test/support/docker';
import { expect, test } from './fixtures';
import { EventsPage } from './pages/EventsPage';

test.describe('Events page', () => {
  test('shows engine events live, filters them, and pauses and resumes the log', async ({
    page,
    appUrl,
  }) => {
    const events = new EventsPage(page);
    await events.open(appUrl);
    await events.shell.expectEngineState('connected');

    const first = `stowage-test/fixture:event-${Date.now()}`;
    await docker(['tag', 'stowage-test/fixture:1.0', first]);
    await expect(events.rowsOf('tag', first)).toHaveCount(1);

    // Only containers: the image event is filtered out; all types again: it is back.
    await events.typeChip('container').click();
    await expect(events.rowsOf('tag', first)).toHaveCount(0);
    await events.typeChip('container').click();
    await expect(events.rowsOf('tag', first)).toHaveCount(1);

    await events.filter.fill(first.split(':')[1] as string);
    await expect(events.rows).toHaveCount(1);
    await events.filter.fill('');

    // Paused: a new event is counted but not listed; resumed: it is listed.
    await events.pauseButton.click();
    const second = `stowage-test/fixture:paused-${Date.now()}`;
    await docker(['tag', 'stowage-test/fixture:1.0', second]);
    await expect(events.count).toContainText('1 new while paused');
    await expect(events.rowsOf('tag', second)).toHaveCount(0);
    await events.resumeButton.click();
    await expect(events.rowsOf('tag', second)).toHaveCount(1);

    // A row opens the event itself as JSON.
    await events.rowsOf('tag', second).click();
    await expect(events.details).toContainText('"tag"');
    await events.expandAll.click();
    await expect(events.details).toContainText(second);
    // The fixture image goes back to its own tags for the specs after this one.
    await docker(['rmi', first, second]);
  });
});
