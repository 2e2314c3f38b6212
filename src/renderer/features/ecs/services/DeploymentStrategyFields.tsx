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
import { MinutesField, PercentField } from '../common/NumberField';

type StrategyNumberKey =
  | 'stepPercent'
  | 'stepBakeTimeInMinutes'
  | 'canaryPercent'
  | 'canaryBakeTimeInMinutes'
  | 'bakeTimeInMinutes';

interface ShiftStepFields {
  percent: { key: StrategyNumberKey; label: string; help: string; min: number };
  bake: { key: StrategyNumberKey; label: string; help: string };
}

/** What LINEAR and CANARY ask besides the bake time: how much each shift moves, and the wait. */
const shiftSteps: Record<'LINEAR' | 'CANARY', ShiftStepFields> = {
  LINEAR: {
    percent: {
      key: 'stepPercent',
      label: 'Step percent',
      help: 'Share of production traffic each step moves: 3 to 100.',
      min: 3,
    },
    bake: {
      key: 'stepBakeTimeInMinutes',
      label: 'Step bake time (minutes)',
      help: 'Wait between steps: 0 to 1440.',
    },
  },
  CANARY: {
    percent: {
      key: 'canaryPercent',
      label: 'Canary percent',
      help: 'Share of production traffic the canary gets: 0.1 to 100.',
      min: 0.1,
    },
    bake: {
      key: 'canaryBakeTimeInMinutes',
      label: 'Canary bake time (minutes)',
      help: 'Wait before moving the rest: 0 to 1440.',
    },
  },
};

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
  const fieldProps = (key: StrategyNumberKey) => ({
    value: value[key],
    problem: problems[key],
    onChange: (typed: string) => onChange({ [key]: typed }),
    sx: { flex: '1 1 200px' },
  });
  const steps =
    value.strategy === 'LINEAR' || value.strategy === 'CANARY'
      ? shiftSteps[value.strategy]
      : undefined;
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
            {steps && (
              <>
                <PercentField
                  label={steps.percent.label}
                  help={steps.percent.help}
                  min={steps.percent.min}
                  {...fieldProps(steps.percent.key)}
                />
                <MinutesField
                  label={steps.bake.label}
                  help={steps.bake.help}
                  {...fieldProps(steps.bake.key)}
                />
              </>
            )}
            <MinutesField
              label="Bake time (minutes)"
              help="Both revisions keep running this long after the shift, for a quick way back."
              {...fieldProps('bakeTimeInMinutes')}
            />
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
