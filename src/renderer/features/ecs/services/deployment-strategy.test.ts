import { describe, expect, it } from 'vitest';
import { balancer, tgArn } from '../load-balancing/test-support';
import { inProgressDeployment, trafficRoles, trafficSplit } from './deployment-strategy';

describe('inProgressDeployment', () => {
  it('is the newest deployment still under way, rollbacks included', () => {
    expect(inProgressDeployment([{ status: 'SUCCESSFUL' }, { status: 'IN_PROGRESS' }])).toEqual({
      status: 'IN_PROGRESS',
    });
    expect(inProgressDeployment([{ status: 'ROLLBACK_IN_PROGRESS' }])).toEqual({
      status: 'ROLLBACK_IN_PROGRESS',
    });
    expect(inProgressDeployment([{ status: 'SUCCESSFUL' }, { status: 'STOPPED' }])).toBeUndefined();
  });
});

describe('trafficSplit', () => {
  const listener = (groups: string[]) => balancer('front', groups).listeners[0]!.listener;

  it('gives each side its share of the weights, in tenths of a percent', () => {
    expect(trafficSplit(listener(['blue', 'green']), tgArn('blue'), tgArn('green'))).toEqual({
      blue: 80,
      green: 20,
    });
    const thirds = {
      DefaultActions: [
        {
          Type: 'forward' as const,
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tgArn('blue'), Weight: 2 },
              { TargetGroupArn: tgArn('green'), Weight: 1 },
            ],
          },
        },
      ],
    };
    expect(trafficSplit(thirds, tgArn('blue'), tgArn('green'))).toEqual({
      blue: 66.7,
      green: 33.3,
    });
  });

  it('gives everything to the one group a listener forwards to', () => {
    expect(trafficSplit(listener(['green']), tgArn('blue'), tgArn('green'))).toEqual({
      blue: 0,
      green: 100,
    });
  });
});

describe('trafficRoles', () => {
  const entry = {
    targetGroupArn: tgArn('one'),
    advancedConfiguration: { alternateTargetGroupArn: tgArn('two') },
  };

  it('calls green the group the deployment serves in and blue the pair’s other one', () => {
    expect(trafficRoles(entry, tgArn('two'))).toEqual({ blue: tgArn('one'), green: tgArn('two') });
    // The next traffic-shifting deployment serves in the primary group: the roles swap.
    expect(trafficRoles(entry, tgArn('one'))).toEqual({ blue: tgArn('two'), green: tgArn('one') });
  });

  it('knows neither without a served group or a pair', () => {
    expect(trafficRoles(entry, undefined)).toEqual({ blue: '', green: '' });
    expect(trafficRoles({ targetGroupArn: tgArn('one') }, tgArn('one'))).toEqual({
      blue: '',
      green: tgArn('one'),
    });
  });
});
