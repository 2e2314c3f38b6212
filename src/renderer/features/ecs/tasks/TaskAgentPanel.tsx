import {
  Alert,
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { EcsAgentRole, EcsTaskAgent, EcsWhoAmI } from '../../../../shared/contract/ecs-agent';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';

const shownRequests = 50;

const roleLabels: Record<EcsAgentRole['kind'], string> = {
  task: 'Task role',
  execution: 'Execution role (the runtime’s, never given to the task)',
  instance: 'Instance role',
};

/**
 * What the container agent gives the task: its roles with the current credentials' access key
 * id and expiry (never more), the requests its containers made to the agent, and the who-am-I
 * check run in its container.
 */
export function TaskAgentPanel({ taskArn, running }: { taskArn: string; running: boolean }) {
  // Live through the ecs.agent.changed event (see the ECS feature's cache rules).
  const agent = useStowageQuery('ecs.tasks.agent', { taskArn });
  return (
    <Box component="section" aria-label="Container agent" data-testid="task-agent">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Container agent
      </Typography>
      {agent.error && (
        <QueryErrorAlert
          error={agent.error}
          failedTo="read what the container agent serves this task"
          refreshes="this refreshes"
          testId="task-agent-error"
        />
      )}
      {agent.data && <AgentFacts agent={agent.data} />}
      <RoleCheck taskArn={taskArn} running={running} />
    </Box>
  );
}

function AgentFacts({ agent }: { agent: EcsTaskAgent }) {
  return (
    <>
      {agent.endpoint?.problem && <Alert severity="warning">{agent.endpoint.problem}</Alert>}
      {agent.endpoint && !agent.endpoint.problem && (
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Served at {agent.endpoint.baseUrl}
          {agent.endpoint.relativeUri
            ? ' (the SDK finds the task role through AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)'
            : ' (port 80 could not be bound: the task gets AWS_CONTAINER_CREDENTIALS_FULL_URI)'}
        </Typography>
      )}
      {agent.roles.length === 0 ? (
        <Typography variant="body2" data-testid="task-agent-no-role">
          {agent.served
            ? 'No task role: the task’s containers get no AWS credentials from the agent.'
            : 'The agent serves this task nothing (it is not running in Docker, or has stopped).'}
        </Typography>
      ) : (
        <Table size="small" aria-label="Roles">
          <TableBody>
            {agent.roles.map((role) => (
              <TableRow key={`${role.kind} ${role.roleArn}`} data-testid={`task-role-${role.kind}`}>
                <TableCell component="th" scope="row">
                  {roleLabels[role.kind]}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{role.roleArn}</TableCell>
                <TableCell>
                  {role.accessKeyId
                    ? `${role.accessKeyId} · expires ${new Date(role.expiration ?? 0).toLocaleTimeString()}`
                    : 'not fetched yet'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Requests agent={agent} />
    </>
  );
}

function Requests({ agent }: { agent: EcsTaskAgent }) {
  const newest = agent.requests.slice(-shownRequests).reverse();
  if (newest.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        The task has made no request to the agent yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Requests to the agent" data-testid="task-agent-requests">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Request</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {newest.map((request, index) => (
          <TableRow key={`${request.at} ${index}`}>
            <TableCell>{new Date(request.at).toLocaleTimeString()}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {request.method} {request.path}
            </TableCell>
            <TableCell>{request.status}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "Task role vs instance role": asks, inside the task's container, whose credentials it gets. */
function RoleCheck({ taskArn, running }: { taskArn: string; running: boolean }) {
  const check = useStowageMutation();
  const [answer, setAnswer] = useState<EcsWhoAmI | undefined>(undefined);
  const ask = async () => {
    const outcome = await check.run((client) => client.call('ecs.tasks.whoami', { taskArn }));
    setAnswer(outcome.ok ? outcome.value : undefined);
  };
  return (
    <Box sx={{ mt: 2 }} data-testid="task-role-check">
      <Typography variant="subtitle2" component="h4" gutterBottom>
        Task role vs instance role
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Fetches the credentials an AWS SDK would find in the task’s container, then asks STS
        GetCallerIdentity whose they are.
      </Typography>
      <Button variant="outlined" disabled={!running || check.busy} onClick={() => void ask()}>
        Who am I in this task?
      </Button>
      <MutationErrorAlert mutation={check} />
      {answer && (
        <Alert
          severity={answer.source === 'none' ? 'info' : 'success'}
          sx={{ mt: 1 }}
          data-testid="task-role-answer"
        >
          {answer.arn ? (
            <>
              The container holds the{' '}
              {answer.source === 'instance-role'
                ? 'instance role (it has no task role)'
                : 'task role'}
              :{' '}
              <Box component="span" sx={{ fontFamily: 'monospace' }}>
                {answer.arn}
              </Box>
            </>
          ) : (
            <>No credentials: {answer.detail}</>
          )}
        </Alert>
      )}
    </Box>
  );
}
