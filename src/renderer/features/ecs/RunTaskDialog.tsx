import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { shortArn, type EcsRunResult, type EcsTaskDefinition } from '../../../shared';
import { useStowageMutation } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';

type StrategyType = 'spread' | 'binpack' | 'random';
type ConstraintType = 'distinctInstance' | 'memberOf';

interface StrategyRow {
  type: StrategyType;
  field: string;
}
interface ConstraintRow {
  type: ConstraintType;
  expression: string;
}

const strategyFields: Record<StrategyType, string[]> = {
  spread: ['attribute:ecs.availability-zone', 'instanceId', 'host', 'attribute:ecs.instance-type'],
  binpack: ['memory', 'cpu'],
  random: [],
};

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
  const countValue = Number(count);
  const countProblem =
    Number.isInteger(countValue) && countValue >= 1 && countValue <= 10
      ? undefined
      : 'From 1 to 10 tasks.';
  const awsvpc = launchType === 'FARGATE' || definition.networkMode === 'awsvpc';
  const ec2 = launchType === 'EC2';
  const name = `${definition.family}:${definition.revision}`;

  const run = async () => {
    if (countProblem || cluster === '') return;
    const answer = await action.run((client) =>
      client.call('ecs.tasks.run', {
        cluster,
        taskDefinition: definition.taskDefinitionArn ?? name,
        launchType,
        count: countValue,
        ...(ec2 && strategies.length > 0
          ? {
              placementStrategy: strategies.map((row) =>
                row.type === 'random' ? { type: row.type } : { type: row.type, field: row.field },
              ),
            }
          : {}),
        ...(ec2 && constraints.length > 0
          ? {
              placementConstraints: constraints.map((row) =>
                row.type === 'distinctInstance'
                  ? { type: row.type }
                  : { type: row.type, expression: row.expression },
              ),
            }
          : {}),
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
    if (answer.value.failures.length === 0) onClose();
    else setResult(answer.value);
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="run-task-title">
      <DialogTitle id="run-task-title">Run {name}</DialogTitle>
      <DialogContent dividers>
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
            <MutationErrorAlert mutation={action} testId="run-error" />
            {result && <RunOutcome result={result} />}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{result ? 'Close' : 'Cancel'}</Button>
        <Button
          variant="contained"
          disabled={countProblem !== undefined || cluster === '' || action.busy}
          onClick={() => void run()}
        >
          Run
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function PlacementRows({
  strategies,
  constraints,
  onStrategies,
  onConstraints,
}: {
  strategies: StrategyRow[];
  constraints: ConstraintRow[];
  onStrategies(next: StrategyRow[]): void;
  onConstraints(next: ConstraintRow[]): void;
}) {
  return (
    <Box>
      <Typography variant="subtitle2">Placement strategy (in order; random when none)</Typography>
      {strategies.map((row, index) => (
        <Stack key={index} direction="row" sx={{ gap: 1, mt: 1 }}>
          <TextField
            select
            size="small"
            label="Strategy"
            value={row.type}
            onChange={(event) => {
              const type = event.target.value as StrategyType;
              onStrategies(
                strategies.map((item, i) =>
                  i === index ? { type, field: strategyFields[type][0] ?? '' } : item,
                ),
              );
            }}
            sx={{ width: 140 }}
          >
            <MenuItem value="spread">spread</MenuItem>
            <MenuItem value="binpack">binpack</MenuItem>
            <MenuItem value="random">random</MenuItem>
          </TextField>
          {row.type !== 'random' && (
            <TextField
              size="small"
              label="Field"
              value={row.field}
              onChange={(event) =>
                onStrategies(
                  strategies.map((item, i) =>
                    i === index ? { ...item, field: event.target.value } : item,
                  ),
                )
              }
              helperText={strategyFields[row.type].join(', ')}
              sx={{ flex: 1 }}
            />
          )}
          <IconButton
            aria-label={`Remove strategy ${index + 1}`}
            onClick={() => onStrategies(strategies.filter((_, i) => i !== index))}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={strategies.length >= 5}
        onClick={() =>
          onStrategies([
            ...strategies,
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
          ])
        }
      >
        Add strategy
      </Button>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Placement constraints
      </Typography>
      {constraints.map((row, index) => (
        <Stack key={index} direction="row" sx={{ gap: 1, mt: 1 }}>
          <TextField
            select
            size="small"
            label="Constraint"
            value={row.type}
            onChange={(event) =>
              onConstraints(
                constraints.map((item, i) =>
                  i === index ? { ...item, type: event.target.value as ConstraintType } : item,
                ),
              )
            }
            sx={{ width: 170 }}
          >
            <MenuItem value="distinctInstance">distinctInstance</MenuItem>
            <MenuItem value="memberOf">memberOf</MenuItem>
          </TextField>
          {row.type === 'memberOf' && (
            <TextField
              size="small"
              label="Expression"
              placeholder="attribute:ecs.instance-type =~ m5.*"
              value={row.expression}
              onChange={(event) =>
                onConstraints(
                  constraints.map((item, i) =>
                    i === index ? { ...item, expression: event.target.value } : item,
                  ),
                )
              }
              sx={{ flex: 1 }}
            />
          )}
          <IconButton
            aria-label={`Remove constraint ${index + 1}`}
            onClick={() => onConstraints(constraints.filter((_, i) => i !== index))}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={constraints.length >= 10}
        onClick={() => onConstraints([...constraints, { type: 'memberOf', expression: '' }])}
      >
        Add constraint
      </Button>
    </Box>
  );
}

function RunOutcome({ result }: { result: EcsRunResult }) {
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
            {failure.arn
              ? ` — ${failure.arn.includes(':container-instance/') ? 'closest container instance ' : ''}${shortArn(failure.arn)}`
              : ''}
            {failure.detail ? `: ${failure.detail}` : ''}
          </li>
        ))}
      </Box>
    </Alert>
  );
}
