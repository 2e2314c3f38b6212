import CloseIcon from '@mui/icons-material/Close';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import StopIcon from '@mui/icons-material/Stop';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { shortArn, taskLifecycleFields, type EcsTask } from '../../../../shared';
import { useStowageQuery, useStowageMutation } from '../../../api';
import { useClusterInstances } from '../common/cluster-queries';
import { DetailPane, FullWindowButton } from '../../../common/detail/DetailPane';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { hashOf } from '../../../common/routes';
import { JsonViewer } from '../../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { instanceIds, instanceName } from '../map/task-lifecycle';
import { TaskAgentPanel } from './TaskAgentPanel';

const lifecycleLabels: Record<(typeof taskLifecycleFields)[number], string> = {
  createdAt: 'Created',
  pullStartedAt: 'Pull started',
  pullStoppedAt: 'Pull finished',
  startedAt: 'Started',
  stoppingAt: 'Stopping',
  executionStoppedAt: 'Containers exited',
  stoppedAt: 'Stopped',
};

/** One task: its lifecycle, its containers, why it stopped, and the JSON ECS would answer. */
export function TaskDetail({
  cluster,
  taskId,
  onClose,
}: {
  cluster: string;
  taskId: string;
  onClose(): void;
}) {
  const task = useStowageQuery('ecs.tasks.describe', { cluster, task: taskId });
  const status = useStowageQuery('ecs.status', {});
  const instances = useClusterInstances(cluster);
  const [stopping, setStopping] = useState(false);
  const data = task.data;
  return (
    <DetailPane
      testId="task-detail"
      label={taskId}
      defaultHeight={360}
      onClose={onClose}
      sx={{ p: 2, gap: 2, overflow: 'auto' }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ fontFamily: 'monospace' }} noWrap>
            {taskId}
          </Typography>
          {data && (
            <Typography variant="body2" color="text.secondary">
              {shortArn(data.taskDefinitionArn)} · {data.launchType}
              {data.containerInstanceArn && (
                <>
                  {' '}
                  on{' '}
                  <Box
                    component="span"
                    title={data.containerInstanceArn}
                    data-testid="task-instance"
                  >
                    {instanceName(data.containerInstanceArn, instanceIds(instances.data ?? []))}
                  </Box>
                </>
              )}{' '}
              · {data.availabilityZone} ·{' '}
              <Box component="span" data-testid="task-last-status" sx={{ fontWeight: 600 }}>
                {data.lastStatus}
              </Box>{' '}
              (desired {data.desiredStatus}) · health{' '}
              <Box component="span" data-testid="task-health" sx={{ fontWeight: 600 }}>
                {data.healthStatus ?? 'UNKNOWN'}
              </Box>
            </Typography>
          )}
        </Box>
        <Button
          color="error"
          variant="outlined"
          startIcon={<StopIcon />}
          disabled={!data || data.desiredStatus === 'STOPPED'}
          onClick={() => setStopping(true)}
        >
          Stop task…
        </Button>
        <FullWindowButton />
        <IconButton aria-label="Close the task" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Stack>
      {task.error && (
        <QueryErrorAlert
          error={task.error}
          failedTo="describe the task"
          refreshes="these details refresh"
          testId="task-error"
        />
      )}
      {data?.stopCode && (
        <Alert
          severity={data.stopCode === 'UserInitiated' ? 'info' : 'warning'}
          data-testid="task-stop"
        >
          <Box component="span" data-testid="task-stop-code" sx={{ fontWeight: 600 }}>
            {data.stopCode}
          </Box>
          : {data.stoppedReason}
        </Alert>
      )}
      {data && <Timeline task={data} />}
      {data && <Containers task={data} simulated={status.data?.runtime === 'simulated'} />}
      {data?.taskArn && (
        <TaskAgentPanel taskArn={data.taskArn} running={data.lastStatus === 'RUNNING'} />
      )}
      {data && <JsonViewer value={data} label="DescribeTasks JSON" />}
      {data && (
        <StopTaskDialog
          open={stopping}
          cluster={cluster}
          task={data}
          onClose={() => setStopping(false)}
        />
      )}
    </DetailPane>
  );
}

function Timeline({ task }: { task: EcsTask }) {
  const created = task.createdAt ?? 0;
  const steps = taskLifecycleFields.map((field) => ({ field, at: task[field] }));
  return (
    <Box component="section" aria-label="Lifecycle">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Lifecycle
      </Typography>
      <Box
        component="ol"
        data-testid="task-timeline"
        sx={{ display: 'flex', listStyle: 'none', p: 0, m: 0, gap: 0, overflowX: 'auto' }}
      >
        {steps.map(({ field, at }, index) => (
          <Box
            component="li"
            key={field}
            data-field={field}
            data-reached={at !== undefined}
            sx={{ flex: '1 0 110px', position: 'relative', pt: 2.5, pr: 1 }}
          >
            <Box
              sx={{
                position: 'absolute',
                top: 6,
                left: 0,
                right: index === steps.length - 1 ? 'auto' : 0,
                width: index === steps.length - 1 ? 12 : 'auto',
                height: 2,
                bgcolor: at !== undefined ? 'primary.main' : 'divider',
              }}
            />
            <Box
              sx={{
                position: 'absolute',
                top: 1,
                left: 0,
                width: 12,
                height: 12,
                borderRadius: '50%',
                bgcolor: at !== undefined ? 'primary.main' : 'background.paper',
                border: 2,
                borderColor: at !== undefined ? 'primary.main' : 'divider',
              }}
            />
            <Typography variant="caption" sx={{ display: 'block', fontWeight: 600 }}>
              {lifecycleLabels[field]}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
              {at === undefined
                ? '—'
                : `${new Date(at).toLocaleTimeString()}${index > 0 ? ` (+${((at - created) / 1000).toFixed(1)} s)` : ''}`}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function Containers({ task, simulated }: { task: EcsTask; simulated: boolean }) {
  return (
    <Box component="section" aria-label="Containers">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Containers
      </Typography>
      <Table size="small" aria-label="Containers of the task">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Image</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Health</TableCell>
            <TableCell>Exit code</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Network bindings</TableCell>
            <TableCell>Container</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(task.containers ?? []).map((container) => (
            <TableRow key={container.containerArn ?? container.name}>
              <TableCell>{container.name}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{container.image}</TableCell>
              <TableCell>{container.lastStatus}</TableCell>
              <TableCell data-testid="container-health">
                {container.healthStatus ?? 'UNKNOWN'}
              </TableCell>
              <TableCell data-testid="container-exit-code">{container.exitCode ?? '—'}</TableCell>
              <TableCell>{container.reason ?? '—'}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>
                {(container.networkBindings ?? [])
                  .map(
                    (binding) =>
                      `${binding.bindIP ?? '0.0.0.0'}:${binding.hostPort ?? '?'}→${binding.containerPort ?? '?'}/${binding.protocol ?? 'tcp'}`,
                  )
                  .join(', ') || '—'}
              </TableCell>
              <TableCell>
                {container.runtimeId && !simulated ? (
                  <RealContainer id={container.runtimeId} />
                ) : (
                  <Typography variant="body2" color="text.secondary" data-testid="no-container">
                    {simulated
                      ? 'None: tasks are simulated'
                      : container.lastStatus === 'STOPPED'
                        ? 'None: it never started'
                        : 'Not started yet'}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The Docker container behind an ECS container: its id, and links to its logs and terminal. */
function RealContainer({ id }: { id: string }) {
  const href = (tab: 'logs' | 'terminal') => hashOf({ page: 'containers', container: id, tab });
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5 }}>
      <Box component="code" title={id}>
        {id.slice(0, 12)}
      </Box>
      <Tooltip title="Copy the container id">
        <IconButton
          size="small"
          aria-label="Copy the container id"
          onClick={() => void navigator.clipboard?.writeText(id)}
        >
          <ContentCopyIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
      <Link href={href('logs')}>Logs</Link>
      <Link href={href('terminal')}>Terminal</Link>
    </Stack>
  );
}

function StopTaskDialog({
  open,
  cluster,
  task,
  onClose,
}: {
  open: boolean;
  cluster: string;
  task: EcsTask;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const action = useStowageMutation();
  const close = () => {
    setReason('');
    action.clear();
    onClose();
  };
  const stop = async () => {
    const stopped = await action.run((client) =>
      client.call('ecs.tasks.stop', {
        cluster,
        task: task.taskArn ?? '',
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    );
    if (stopped.ok) close();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="stop-task-title">
      <DialogTitle id="stop-task-title">Stop the task?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Its containers get SIGTERM, then SIGKILL after their stop timeout. The task stays
          describable as STOPPED.
        </DialogContentText>
        <Typography sx={{ fontFamily: 'monospace', my: 1 }}>{shortArn(task.taskArn)}</Typography>
        <TextField
          autoFocus
          fullWidth
          label="Reason"
          placeholder="Task stopped by user"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 255 } }}
          helperText="Shown as the task’s stoppedReason."
        />
        <MutationErrorAlert mutation={action} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          color="error"
          variant="contained"
          disabled={action.busy}
          onClick={() => void stop()}
        >
          Stop task
        </Button>
      </DialogActions>
    </Dialog>
  );
}
