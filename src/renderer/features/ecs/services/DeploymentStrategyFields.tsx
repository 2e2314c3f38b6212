import type { DeploymentStrategy } from '@aws-sdk/client-ecs';
import {
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import {
  deploymentStrategies,
  strategyHelp,
  strategyLabels,
  usesLoadBalancer,
  type DeploymentStrategyValue,
  type ListenerChoice,
  type StrategyProblems,
} from './deployment-strategy';

/**
 * The deployment strategy and, for the ones that shift traffic, their timing and the load
 * balancer's advanced configuration: the alternate (green) target group and the listeners.
 */
export function DeploymentStrategyFields({
  value,
  problems,
  targetGroups,
  listeners,
  onChange,
}: {
  value: DeploymentStrategyValue;
  problems: StrategyProblems;
  /** The target groups to choose the alternate from, the service's own left out. */
  targetGroups: readonly { targetGroupArn: string; name: string }[];
  listeners: readonly ListenerChoice[];
  onChange(patch: Partial<DeploymentStrategyValue>): void;
}) {
  const field = (
    key: keyof DeploymentStrategyValue,
    label: string,
    help: string,
    range: { min: number; max: number; step?: number },
  ) => (
    <TextField
      label={label}
      type="number"
      value={value[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      error={problems[key] !== undefined}
      helperText={problems[key] ?? help}
      slotProps={{ htmlInput: range }}
      sx={{ flex: '1 1 200px' }}
    />
  );
  const shifting = usesLoadBalancer(value.strategy) && problems.strategy === undefined;

  return (
    <Stack sx={{ gap: 2 }} data-testid="deployment-strategy">
      <FormControl error={problems.strategy !== undefined}>
        <FormLabel id="deployment-strategy-label">Deployment strategy</FormLabel>
        <RadioGroup
          row
          aria-labelledby="deployment-strategy-label"
          value={value.strategy}
          onChange={(event) => onChange({ strategy: event.target.value as DeploymentStrategy })}
        >
          {deploymentStrategies.map((strategy) => (
            <FormControlLabel
              key={strategy}
              value={strategy}
              control={<Radio />}
              label={strategyLabels[strategy]}
            />
          ))}
        </RadioGroup>
        <FormHelperText data-testid="deployment-strategy-help">
          {problems.strategy ?? strategyHelp[value.strategy]}
        </FormHelperText>
      </FormControl>
      {shifting && (
        <>
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            {value.strategy === 'LINEAR' &&
              field(
                'stepPercent',
                'Step percent',
                'Share of production traffic each step moves: 3 to 100.',
                { min: 3, max: 100, step: 0.1 },
              )}
            {value.strategy === 'LINEAR' &&
              field(
                'stepBakeTimeInMinutes',
                'Step bake time (minutes)',
                'Wait between steps: 0 to 1440.',
                { min: 0, max: 1440 },
              )}
            {value.strategy === 'CANARY' &&
              field(
                'canaryPercent',
                'Canary percent',
                'Share of production traffic the canary gets: 0.1 to 100.',
                { min: 0.1, max: 100, step: 0.1 },
              )}
            {value.strategy === 'CANARY' &&
              field(
                'canaryBakeTimeInMinutes',
                'Canary bake time (minutes)',
                'Wait before moving the rest: 0 to 1440.',
                { min: 0, max: 1440 },
              )}
            {field(
              'bakeTimeInMinutes',
              'Bake time (minutes)',
              'Both revisions keep running this long after the shift, for a quick way back.',
              { min: 0, max: 1440 },
            )}
          </Stack>
          <Typography variant="subtitle2">Load balancer: advanced configuration</Typography>
          <TextField
            select
            label="Alternate target group"
            value={
              targetGroups.some((group) => group.targetGroupArn === value.alternateTargetGroupArn)
                ? value.alternateTargetGroupArn
                : ''
            }
            onChange={(event) => onChange({ alternateTargetGroupArn: event.target.value })}
            error={problems.alternateTargetGroupArn !== undefined}
            helperText={
              problems.alternateTargetGroupArn ??
              'The new (green) revision’s tasks register here; the two groups swap roles each deployment.'
            }
          >
            {targetGroups.map((group) => (
              <MenuItem key={group.targetGroupArn} value={group.targetGroupArn}>
                {group.name}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            <TextField
              select
              label="Production listener"
              value={
                listeners.some((item) => item.listenerArn === value.productionListenerArn)
                  ? value.productionListenerArn
                  : ''
              }
              onChange={(event) => onChange({ productionListenerArn: event.target.value })}
              error={problems.productionListenerArn !== undefined}
              helperText={
                problems.productionListenerArn ??
                'Its default rule’s weights move from blue to green.'
              }
              sx={{ flex: '1 1 220px' }}
            >
              {listeners.map((item) => (
                <MenuItem key={item.listenerArn} value={item.listenerArn}>
                  {item.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Test listener"
              value={
                value.testListenerArn === '' ||
                listeners.some((item) => item.listenerArn === value.testListenerArn)
                  ? value.testListenerArn
                  : ''
              }
              onChange={(event) => onChange({ testListenerArn: event.target.value })}
              error={problems.testListenerArn !== undefined}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              helperText={
                problems.testListenerArn ??
                'Optional: sends its traffic to green before production moves.'
              }
              sx={{ flex: '1 1 220px' }}
            >
              <MenuItem value="">None</MenuItem>
              {listeners.map((item) => (
                <MenuItem key={item.listenerArn} value={item.listenerArn}>
                  {item.label}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField
            label="Infrastructure role ARN"
            value={value.roleArn}
            onChange={(event) => onChange({ roleArn: event.target.value })}
            error={problems.roleArn !== undefined}
            helperText={
              problems.roleArn ?? 'The IAM role ECS changes the listeners with (roleArn).'
            }
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
        </>
      )}
    </Stack>
  );
}
