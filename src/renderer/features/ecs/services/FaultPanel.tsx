import BugReportIcon from '@mui/icons-material/BugReport';
import {
  Box,
  Button,
  MenuItem,
  Paper,
  Stack,
  TextField,
  ToggleButton,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { shortArn, type EcsContainerInstance, type EcsTask } from '../../../../shared';
import { useStowageMutation, useStowageQuery, type StowageClient } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';

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
              <TextField
                select
                size="small"
                label="Task"
                value={task?.taskArn ?? ''}
                onChange={(event) => setTaskArn(event.target.value)}
                sx={{ minWidth: 220 }}
              >
                {tasks.map((item) => (
                  <MenuItem key={item.taskArn} value={item.taskArn}>
                    {shortArn(item.taskArn).slice(0, 12)} · {item.availabilityZone}
                  </MenuItem>
                ))}
              </TextField>
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
              <TextField
                select
                size="small"
                label="Instance"
                value={instance.containerInstanceArn ?? ''}
                onChange={(event) => setInstanceArn(event.target.value)}
                sx={{ minWidth: 220 }}
              >
                {live.map((item) => (
                  <MenuItem key={item.containerInstanceArn} value={item.containerInstanceArn}>
                    {item.ec2InstanceId} ·{' '}
                    {item.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value}
                  </MenuItem>
                ))}
              </TextField>
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
