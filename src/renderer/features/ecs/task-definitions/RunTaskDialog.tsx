import { Alert, AlertTitle, Box, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { shortArn, type EcsRunResult, type EcsTaskDefinition } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { useClusterInstances } from '../common/cluster-queries';
import { FormDialog } from '../../../common/form/FormDialog';
import { useToast } from '../../../common/toast';
import { instanceIds, instanceName } from '../map/task-lifecycle';
import {
  placementRequest,
  PlacementRows,
  type ConstraintRow,
  type StrategyRow,
} from '../placement/PlacementRows';
import { startedTasksToast } from './run-task-toast';

/** RunTask: where, how many, placed how; shows ECS's placement failures as they come back. */
export function RunTaskDialog({
  definition,
  clusters,
  onClose,
}: {
  definition: EcsTaskDefinition;
  clusters: readonly string[];
  onClose(): void;
}) {
  // A definition that asks for Fargate is meant for it, though ECS lets EC2 run it too.
  const prefersFargate =
    (definition.requiresCompatibilities ?? []).includes('FARGATE') ||
    !(definition.compatibilities ?? []).includes('EC2');
  const [cluster, setCluster] = useState(clusters[0] ?? '');
  const [launchType, setLaunchType] = useState<'EC2' | 'FARGATE'>(
    prefersFargate ? 'FARGATE' : 'EC2',
  );
  const [count, setCount] = useState('1');
  const [strategies, setStrategies] = useState<StrategyRow[]>([]);
  const [constraints, setConstraints] = useState<ConstraintRow[]>([]);
  const [subnets, setSubnets] = useState('subnet-a, subnet-b, subnet-c');
  const [result, setResult] = useState<EcsRunResult | undefined>(undefined);
  const action = useStowageMutation();
  const toast = useToast();
  const countValue = Number(count);
  const countProblem =
    Number.isInteger(countValue) && countValue >= 1 && countValue <= 10
      ? undefined
      : 'From 1 to 10 tasks.';
  const awsvpc = launchType === 'FARGATE' || definition.networkMode === 'awsvpc';
  const ec2 = launchType === 'EC2';
  const name = `${definition.family}:${definition.revision}`;

  const run = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.tasks.run', {
        cluster,
        taskDefinition: definition.taskDefinitionArn ?? name,
        launchType,
        count: countValue,
        ...(ec2 ? placementRequest(strategies, constraints) : {}),
        ...(awsvpc
          ? {
              subnets: subnets
                .split(',')
                .map((subnet) => subnet.trim())
                .filter(Boolean),
            }
          : {}),
      }),
    );
    if (!answer.ok) return;
    if (answer.value.tasks.length > 0) toast.show(startedTasksToast(cluster, answer.value.tasks));
    if (answer.value.failures.length === 0) onClose();
    else setResult(answer.value);
  };

  return (
    <FormDialog
      title={`Run ${name}`}
      submitLabel="Run"
      closeLabel={result ? 'Close' : 'Cancel'}
      mutation={action}
      disabled={countProblem !== undefined || cluster === ''}
      maxWidth="md"
      dividers
      errorTestId="run-error"
      onClose={onClose}
      onSubmit={run}
    >
      {clusters.length === 0 ? (
        <Alert severity="info">Create a cluster first: tasks run in a cluster.</Alert>
      ) : (
        <Stack sx={{ gap: 2 }}>
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            <TextField
              select
              label="Cluster"
              value={cluster}
              onChange={(event) => setCluster(event.target.value)}
              sx={{ flex: '1 1 200px' }}
            >
              {clusters.map((name) => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Launch type"
              value={launchType}
              onChange={(event) => setLaunchType(event.target.value as 'EC2' | 'FARGATE')}
              sx={{ width: 160 }}
            >
              <MenuItem value="EC2">EC2</MenuItem>
              <MenuItem value="FARGATE">Fargate</MenuItem>
            </TextField>
            <TextField
              label="Count"
              type="number"
              value={count}
              onChange={(event) => setCount(event.target.value)}
              error={countProblem !== undefined}
              helperText={countProblem ?? '1 to 10'}
              slotProps={{ htmlInput: { min: 1, max: 10 } }}
              sx={{ width: 120 }}
            />
          </Stack>
          {awsvpc && (
            <TextField
              label="Subnets"
              value={subnets}
              onChange={(event) => setSubnets(event.target.value)}
              helperText="Comma-separated; each subnet lies in one zone, and tasks spread over them."
            />
          )}
          {ec2 && (
            <PlacementRows
              strategies={strategies}
              constraints={constraints}
              onStrategies={setStrategies}
              onConstraints={setConstraints}
            />
          )}
          {result && <RunOutcome result={result} cluster={cluster} />}
        </Stack>
      )}
    </FormDialog>
  );
}

function RunOutcome({ result, cluster }: { result: EcsRunResult; cluster: string }) {
  // Instances go by their EC2 id everywhere, as on the map; the ARN is on hover.
  const instances = useClusterInstances(cluster);
  const ids = instanceIds(instances.data ?? []);
  return (
    <Alert severity={result.tasks.length > 0 ? 'warning' : 'error'} data-testid="run-failures">
      <AlertTitle>
        {result.tasks.length} task{result.tasks.length === 1 ? '' : 's'} placed,{' '}
        {result.failures.length} could not be
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {result.failures.map((failure, index) => (
          <li key={index}>
            <Box component="code" sx={{ fontWeight: 600 }}>
              {failure.reason}
            </Box>
            {failure.arn?.includes(':container-instance/') ? (
              <>
                {' — closest instance '}
                <Box component="span" title={failure.arn} data-testid="failure-instance">
                  {instanceName(failure.arn, ids)}
                </Box>
              </>
            ) : failure.arn ? (
              ` — ${shortArn(failure.arn)}`
            ) : (
              ''
            )}
            {failure.detail ? `: ${failure.detail}` : ''}
          </li>
        ))}
      </Box>
    </Alert>
  );
}
