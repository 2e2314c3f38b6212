import BugReportIcon from '@mui/icons-material/BugReport';
import { Box, Button, Paper, Stack, ToggleButton, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { shortArn, type EcsContainerInstance, type EcsTask } from '../../../../shared';
import { useStowageMutation, useStowageQuery, type StowageClient } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { LazySelect } from '../common/LazySelect';
import { attributeOf } from '../map/instance-view';

/**
 * Fault injection: breaks things on purpose — a task's container killed or the task stopped,
 * an instance's agent cut or the instance drained, a whole zone lost — to watch the service
 * recover and read in its events why.
 */
export function FaultPanel({
  cluster,
  tasks,
  instances,
  zones,
}: {
  cluster: string;
  tasks: readonly EcsTask[];
  instances: readonly EcsContainerInstance[];
  zones: readonly string[];
}) {
  const lost = useStowageQuery('ecs.faults.zones', {});
  const action = useStowageMutation();
  const [taskArn, setTaskArn] = useState('');
  const [instanceArn, setInstanceArn] = useState('');
  const task = tasks.find((item) => item.taskArn === taskArn) ?? tasks[0];
  const live = instances.filter((item) => item.status !== 'INACTIVE');
  const instance = live.find((item) => item.containerInstanceArn === instanceArn) ?? live[0];
  const unavailable = new Set(lost.data?.unavailableZones ?? []);
  const inject = (work: (client: StowageClient) => Promise<unknown>) => void action.run(work);
  const connected = instance?.agentConnected !== false;
  const draining = instance?.status === 'DRAINING';

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label="Fault injection"
      data-testid="fault-panel"
      sx={{ p: 2, borderColor: 'error.main', borderStyle: 'dashed', borderWidth: 2 }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, color: 'error.main' }}>
        <BugReportIcon />
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          Fault injection
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        These break things on purpose. Watch the service replace what it loses, and its events say
        why.
      </Typography>
      <Stack sx={{ gap: 2 }}>
        <Row title="A task">
          {tasks.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              The service runs no task to break.
            </Typography>
          ) : (
            <>
              <LazySelect
                label="Task"
                value={task?.taskArn ?? ''}
                valueLabel={task ? taskLabel(task) : ''}
                options={() =>
                  tasks.map((item) => ({ value: item.taskArn ?? '', label: taskLabel(item) }))
                }
                onChange={setTaskArn}
              />
              <Button
                color="error"
                variant="outlined"
                disabled={!task || action.busy}
                onClick={() =>
                  inject((client) =>
                    client.call('ecs.faults.killContainer', {
                      cluster,
                      task: task?.taskArn ?? '',
                    }),
                  )
                }
              >
                Kill its container
              </Button>
              <Button
                color="error"
                variant="outlined"
                disabled={!task || action.busy}
                onClick={() =>
                  inject((client) =>
                    client.call('ecs.tasks.stop', {
                      cluster,
                      task: task?.taskArn ?? '',
                      reason: 'Stopped by fault injection',
                    }),
                  )
                }
              >
                Stop the task
              </Button>
            </>
          )}
        </Row>
        <Row title="An instance">
          {!instance ? (
            <Typography variant="body2" color="text.secondary">
              No container instances: the tasks run on Fargate.
            </Typography>
          ) : (
            <>
              <LazySelect
                label="Instance"
                value={instance.containerInstanceArn ?? ''}
                valueLabel={instanceLabel(instance)}
                options={() =>
                  live.map((item) => ({
                    value: item.containerInstanceArn ?? '',
                    label: instanceLabel(item),
                  }))
                }
                onChange={setInstanceArn}
              />
              <Button
                color="error"
                variant="outlined"
                disabled={action.busy}
                onClick={() =>
                  inject((client) =>
                    client.call('ecs.instances.setAgent', {
                      cluster,
                      containerInstance: instance.containerInstanceArn ?? '',
                      connected: !connected,
                    }),
                  )
                }
              >
                {connected ? 'Disconnect its agent' : 'Reconnect its agent'}
              </Button>
              <Button
                color="error"
                variant="outlined"
                disabled={action.busy}
                onClick={() =>
                  inject((client) =>
                    client.call(draining ? 'ecs.instances.activate' : 'ecs.instances.drain', {
                      cluster,
                      containerInstances: [instance.containerInstanceArn ?? ''],
                    }),
                  )
                }
              >
                {draining ? 'Activate it' : 'Drain it'}
              </Button>
            </>
          )}
        </Row>
        <Row title="A zone">
          {lost.error && (
            <QueryErrorAlert
              error={lost.error}
              failedTo="read which zones are lost"
              refreshes="it refreshes"
              testId="zones-error"
            />
          )}
          {zones.map((zone) => {
            const down = unavailable.has(zone);
            return (
              <ToggleButton
                key={zone}
                size="small"
                value={zone}
                selected={down}
                color="error"
                data-testid="zone-fault"
                data-zone={zone}
                disabled={action.busy || !lost.data}
                onChange={() =>
                  inject((client) =>
                    client.call('ecs.faults.setZone', { availabilityZone: zone, available: down }),
                  )
                }
              >
                {down ? `Restore ${zone}` : `Lose ${zone}`}
              </ToggleButton>
            );
          })}
        </Row>
        <MutationErrorAlert
          mutation={action}
          title="The fault was not injected"
          testId="fault-error"
        />
      </Stack>
    </Paper>
  );
}

const taskLabel = (task: EcsTask) =>
  `${shortArn(task.taskArn).slice(0, 12)} · ${task.availabilityZone ?? ''}`;

const instanceLabel = (instance: EcsContainerInstance) =>
  `${instance.ec2InstanceId ?? ''} · ${attributeOf(instance, 'ecs.availability-zone') ?? ''}`;

function Row({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
      <Typography variant="subtitle2" sx={{ width: 100 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
