import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/ids';
import { placeTasks } from '../placement';
import { instance, request } from '../placement/test-support';
import * as messages from './event-messages';
import { addEvents, isSteady, steadyStateMessages, toServiceEvents } from './events';
import { startDeployment } from './rollout';
import { primaryId, task } from './test-support';

const taskArn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/test/${id}`;
const instanceArn = 'arn:aws:ecs:us-east-1:000000000000:container-instance/test/0123abcd';
const guide =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

describe('service event texts', () => {
  it('words started and stopped tasks as ECS does, ten tasks an event', () => {
    expect(messages.tasksStarted('web', [taskArn('aaa'), taskArn('bbb')])).toEqual([
      '(service web) has started 2 tasks: (task aaa) (task bbb).',
    ]);
    expect(messages.tasksStopped('web', [taskArn('aaa')])).toEqual([
      '(service web) has stopped 1 running tasks: (task aaa).',
    ]);
    const many = messages.tasksStarted(
      'web',
      Array.from({ length: 12 }, (_, i) => taskArn(`t${i}`)),
    );
    expect(many).toHaveLength(2);
    expect(many[0]).toMatch(/^\(service web\) has started 10 tasks: \(task t0\) .* \(task t9\)\.$/);
    expect(many[1]).toBe('(service web) has started 2 tasks: (task t10) (task t11).');
  });

  it('words steady state, deployments, failures and targets', () => {
    expect(messages.steadyState('web')).toBe('(service web) has reached a steady state.');
    expect(messages.deploymentCompleted('web', primaryId)).toBe(
      `(service web) (deployment ${primaryId}) deployment completed.`,
    );
    expect(messages.unableToConsistentlyStart('web')).toBe(
      '(service web) is unable to consistently start tasks successfully.',
    );
    expect(messages.registeredTargets('web', 2, 'arn:tg')).toBe(
      '(service web) registered 2 targets in (target-group arn:tg)',
    );
  });

  it('names the closest matching instance and what it lacks when a task cannot be placed', () => {
    const head =
      '(service web) was unable to place a task because no container instance met all of its requirements.';
    expect(
      messages.unableToPlace('web', { containerInstanceArn: instanceArn, shortfall: 'CPU' }),
    ).toBe(
      `${head} The closest matching (container-instance 0123abcd) has insufficient CPU units available. ${guide}`,
    );
    expect(
      messages.unableToPlace('web', { containerInstanceArn: instanceArn, shortfall: 'MEMORY' }),
    ).toBe(
      `${head} The closest matching (container-instance 0123abcd) has insufficient memory available. ${guide}`,
    );
    expect(
      messages.unableToPlace('web', { containerInstanceArn: instanceArn, shortfall: 'PORTS' }),
    ).toBe(
      `${head} The closest matching (container-instance 0123abcd) is already using a port required by your task. ${guide}`,
    );
    expect(messages.unableToPlace('web', undefined)).toBe(
      `${head} Reason: No Container Instances were found in your cluster. ${guide}`,
    );
  });

  it('reads the message from a placement that fell short', () => {
    const small = instance('small', { remaining: { memory: 128 } });
    const result = placeTasks([small], request({ group: 'service:web' }), seededRandom(1));
    expect(messages.unableToPlaceFrom('web', result)).toContain(
      '(container-instance small) has insufficient memory available.',
    );
    const fits = placeTasks([instance('big')], request(), seededRandom(1));
    expect(messages.unableToPlaceFrom('web', fits)).toBeUndefined();
    const none = placeTasks([], request(), seededRandom(1));
    expect(messages.unableToPlaceFrom('web', none)).toContain('No Container Instances were found');
  });
});

describe('the event list', () => {
  it('keeps the newest first, at most 100', () => {
    const random = seededRandom(3);
    let events = addEvents([], ['first', 'second'], 1_000, random);
    expect(events.map((event) => event.message)).toEqual(['second', 'first']);
    for (let index = 0; index < 120; index++)
      events = addEvents(events, [`m${index}`], 2_000 + index, random);
    expect(events).toHaveLength(100);
    expect(events[0]!.message).toBe('m119');
    expect(events[99]!.message).toBe('m20');
    expect(new Set(events.map((event) => event.id)).size).toBe(100);
    expect(toServiceEvents(events.slice(0, 1))[0]).toEqual({
      id: events[0]!.id,
      createdAt: new Date(2_119),
      message: 'm119',
    });
  });

  it('says a service reached a steady state once, when it does', () => {
    const ids = { id: primaryId, serviceDeploymentArn: 'arn:d', serviceRevisionArn: 'arn:r' };
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids,
      2,
      [],
      0,
    );
    const running = [task(), task()];
    expect(isSteady(records, running)).toBe(false);
    const completed = [{ ...records[0]!, rolloutState: 'COMPLETED' as const }];
    expect(isSteady(completed, running)).toBe(true);
    expect(isSteady(completed, [task(), task({ lastStatus: 'PENDING' })])).toBe(false);
    const first = steadyStateMessages('web', [], true);
    expect(first).toEqual(['(service web) has reached a steady state.']);
    const events = addEvents([], first, 0, seededRandom(1));
    expect(steadyStateMessages('web', events, true)).toEqual([]);
    expect(steadyStateMessages('web', [], false)).toEqual([]);
  });
});
