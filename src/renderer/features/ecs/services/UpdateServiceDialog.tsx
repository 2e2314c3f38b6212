import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import type { EcsService } from '../../../../shared';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { activeRevisions, deploymentProblems, rolloutWarning } from './create-service-form';
import {
  DeploymentConfigurationFields,
  type DeploymentConfigurationValue,
} from './DeploymentConfigurationFields';
import {
  advancedConfiguration,
  listenerChoices,
  strategyConfiguration,
  strategyOfService,
  strategyProblems,
  usesLoadBalancer,
  withStrategyDefaults,
  type DeploymentStrategyValue,
} from './deployment-strategy';
import { DeploymentStrategyFields } from './DeploymentStrategyFields';
import { revisionChanges, shownValue, type ValueChange } from './revision-diff';
import { revisionName } from './service-view';

function configurationOf(service: EcsService): DeploymentConfigurationValue {
  const configuration = service.deploymentConfiguration;
  return {
    minimumHealthyPercent: String(configuration?.minimumHealthyPercent ?? 100),
    maximumPercent: String(configuration?.maximumPercent ?? 200),
    circuitBreaker: configuration?.deploymentCircuitBreaker?.enable ?? false,
    rollback: configuration?.deploymentCircuitBreaker?.rollback ?? false,
  };
}

const sameConfiguration = (a: DeploymentConfigurationValue, b: DeploymentConfigurationValue) =>
  Number(a.minimumHealthyPercent) === Number(b.minimumHealthyPercent) &&
  Number(a.maximumPercent) === Number(b.maximumPercent) &&
  a.circuitBreaker === b.circuitBreaker &&
  a.rollback === b.rollback;

/** The parts of a request a strategy value makes, to compare two values by. */
const strategyRequestText = (value: DeploymentStrategyValue) =>
  JSON.stringify([strategyConfiguration(value), advancedConfiguration(value)]);

/**
 * UpdateService: another revision (with what differs from the running one, compared as data),
 * a forced new deployment, the deployment configuration and strategy. Scaling has its own
 * controls.
 */
export function UpdateServiceDialog({
  cluster,
  service,
  onClose,
}: {
  cluster: string;
  service: EcsService;
  onClose(): void;
}) {
  const definitions = useStowageQuery('ecs.taskDefinitions.list', {});
  const running = service.taskDefinition ?? '';
  const [picked, setPicked] = useState(running);
  const [force, setForce] = useState(false);
  const initial = useMemo(() => configurationOf(service), [service]);
  const [configuration, setConfiguration] = useState(initial);
  const action = useStowageMutation();
  const daemon = service.schedulingStrategy === 'DAEMON';
  const entries = service.loadBalancers ?? [];
  const primaryGroup = entries[0]?.targetGroupArn ?? '';
  const balancing = useStowageQuery(
    'ecs.loadBalancers.list',
    { cluster },
    { enabled: primaryGroup !== '' },
  );
  const balancers = useMemo(() => balancing.data?.loadBalancers ?? [], [balancing.data]);
  const groups = (balancing.data?.targetGroups ?? []).map((group) => ({
    targetGroupArn: group.targetGroup.TargetGroupArn ?? '',
    name: group.targetGroup.TargetGroupName ?? '',
  }));
  const listeners = listenerChoices(balancers, primaryGroup);
  const initialStrategy = useMemo(
    () => strategyOfService(service, balancers),
    [service, balancers],
  );
  const [strategyPatch, setStrategyPatch] = useState<Partial<DeploymentStrategyValue>>({});
  const withDefaults = (value: DeploymentStrategyValue) =>
    withStrategyDefaults(
      value,
      primaryGroup,
      groups.map((group) => group.targetGroupArn),
      listeners,
    );
  const strategy = withDefaults({ ...initialStrategy, ...strategyPatch });
  const shifting = usesLoadBalancer(strategy.strategy);
  const strategyChanged =
    strategyRequestText(strategy) !== strategyRequestText(withDefaults(initialStrategy));
  const all = definitions.data ?? [];
  const choices = activeRevisions(all);
  if (running !== '' && !choices.some((item) => item.taskDefinitionArn === running)) {
    const current = all.find((item) => item.taskDefinitionArn === running);
    if (current) choices.unshift(current);
  }
  const changes = useMemo(() => {
    if (picked === running) return [];
    const byArn = new Map((definitions.data ?? []).map((item) => [item.taskDefinitionArn, item]));
    return revisionChanges(byArn.get(running), byArn.get(picked));
  }, [picked, running, definitions.data]);
  const problems = {
    ...(shifting ? {} : deploymentProblems(configuration, daemon)),
    ...strategyProblems(strategy, {
      daemon,
      primaryTargetGroupArn: primaryGroup,
      targetGroupArns: groups.map((group) => group.targetGroupArn),
      listenerArns: listeners.map((item) => item.listenerArn),
    }),
  };
  const configurationChanged = !sameConfiguration(configuration, initial) || strategyChanged;
  const nothingToDo = picked === running && !force && !configurationChanged;
  const advanced = advancedConfiguration(strategy);
  const breaker = { enable: configuration.circuitBreaker, rollback: configuration.rollback };

  const update = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.services.update', {
        request: {
          cluster,
          service: service.serviceName ?? '',
          ...(picked !== running ? { taskDefinition: picked } : {}),
          ...(force ? { forceNewDeployment: true } : {}),
          ...(configurationChanged
            ? {
                deploymentConfiguration: shifting
                  ? { ...strategyConfiguration(strategy), deploymentCircuitBreaker: breaker }
                  : {
                      // ROLLING is named only to leave another strategy.
                      ...(initialStrategy.strategy === 'ROLLING' ? {} : { strategy: 'ROLLING' }),
                      minimumHealthyPercent: Number(configuration.minimumHealthyPercent),
                      maximumPercent: Number(configuration.maximumPercent),
                      deploymentCircuitBreaker: breaker,
                    },
              }
            : {}),
          // The advanced configuration lives on the load balancer entry: all entries go again.
          ...(strategyChanged
            ? {
                loadBalancers: entries.map((entry, index) => ({
                  targetGroupArn: entry.targetGroupArn,
                  containerName: entry.containerName,
                  containerPort: entry.containerPort,
                  ...(index === 0 && advanced ? { advancedConfiguration: advanced } : {}),
                })),
              }
            : {}),
        },
      }),
    );
    if (answer.ok) onClose();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="update-service-title">
      <DialogTitle id="update-service-title">Update {service.serviceName}</DialogTitle>
      <DialogContent dividers>
        <Stack sx={{ gap: 2 }}>
          <TextField
            select
            label="Task definition revision"
            value={choices.length > 0 ? picked : ''}
            onChange={(event) => setPicked(event.target.value)}
            helperText={`Running now: ${revisionName(running)}. Another revision rolls out as a new deployment.`}
          >
            {choices.map((item) => (
              <MenuItem key={item.taskDefinitionArn} value={item.taskDefinitionArn}>
                {revisionName(item.taskDefinitionArn)}
                {item.taskDefinitionArn === running ? ' (running)' : ''}
              </MenuItem>
            ))}
          </TextField>
          {picked !== running && <RevisionDiff from={running} to={picked} changes={changes} />}
          <FormControlLabel
            control={
              <Checkbox checked={force} onChange={(event) => setForce(event.target.checked)} />
            }
            label="Force a new deployment: replace every task, even with the same revision (to pull a newer image behind the same tag)"
          />
          <Typography variant="subtitle2">Deployment configuration</Typography>
          <DeploymentStrategyFields
            value={strategy}
            problems={problems}
            targetGroups={groups.filter((group) => group.targetGroupArn !== primaryGroup)}
            listeners={listeners}
            onChange={(patch) => setStrategyPatch((current) => ({ ...current, ...patch }))}
          />
          <DeploymentConfigurationFields
            value={configuration}
            problems={problems}
            fixedMaximum={daemon}
            percentLimits={!shifting}
            warning={rolloutWarning(configuration, daemon)}
            onChange={(patch) => setConfiguration((current) => ({ ...current, ...patch }))}
          />
          <MutationErrorAlert
            mutation={action}
            title="ECS refused the update"
            testId="update-service-error"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        {nothingToDo && (
          <Typography variant="caption" color="text.secondary" sx={{ mr: 'auto', ml: 2 }}>
            Nothing to change yet
          </Typography>
        )}
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={nothingToDo || Object.keys(problems).length > 0 || action.busy}
          onClick={() => void update()}
        >
          Update
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function RevisionDiff({
  from,
  to,
  changes,
}: {
  from: string;
  to: string;
  changes: readonly ValueChange[];
}) {
  if (changes.length === 0) {
    return (
      <Alert severity="info" data-testid="revision-diff">
        {revisionName(to)} runs the same as {revisionName(from)}: only its number differs.
      </Alert>
    );
  }
  const colors = { added: 'success.main', removed: 'error.main', changed: 'warning.main' };
  return (
    <Box data-testid="revision-diff" sx={{ maxHeight: 260, overflow: 'auto' }}>
      <Table size="small" aria-label={`Changes from ${revisionName(from)} to ${revisionName(to)}`}>
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>{revisionName(from)} (running)</TableCell>
            <TableCell>{revisionName(to)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((change) => (
            <TableRow key={change.path} data-kind={change.kind}>
              <TableCell
                sx={{
                  fontFamily: 'monospace',
                  borderLeft: 3,
                  borderLeftColor: colors[change.kind],
                }}
              >
                {change.path}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {shownValue(change.before)}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {shownValue(change.after)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
