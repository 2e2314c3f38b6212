import { Alert, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import { NumberField } from '../common/NumberField';

export interface DeploymentConfigurationValue {
  minimumHealthyPercent: string;
  maximumPercent: string;
  circuitBreaker: boolean;
  rollback: boolean;
}

/** Minimum healthy and maximum percent, and the deployment circuit breaker. */
export function DeploymentConfigurationFields({
  value,
  problems,
  fixedMaximum = false,
  percentLimits = true,
  warning,
  onChange,
}: {
  value: DeploymentConfigurationValue;
  problems: Partial<Record<'minimumHealthyPercent' | 'maximumPercent', string>>;
  /** A DAEMON service keeps its maximum at 100 %. */
  fixedMaximum?: boolean;
  /** Off for the strategies that shift traffic: the percent limits are ROLLING's. */
  percentLimits?: boolean;
  warning?: string;
  onChange(patch: Partial<DeploymentConfigurationValue>): void;
}) {
  return (
    <Stack sx={{ gap: 2 }}>
      {percentLimits && (
        <>
          <Typography variant="body2" color="text.secondary">
            During a rollout the service keeps at least the minimum healthy percent of its desired
            count running, and never more than the maximum percent running or starting.
          </Typography>
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            <NumberField
              label="Minimum healthy percent"
              value={value.minimumHealthyPercent}
              onChange={(typed) => onChange({ minimumHealthyPercent: typed })}
              problem={problems.minimumHealthyPercent}
              help="0 to 100"
              min={0}
              max={100}
              sx={{ flex: '1 1 180px' }}
            />
            <NumberField
              label="Maximum percent"
              value={value.maximumPercent}
              disabled={fixedMaximum}
              onChange={(typed) => onChange({ maximumPercent: typed })}
              problem={problems.maximumPercent}
              help={fixedMaximum ? 'DAEMON: 100' : '100 to 200'}
              min={100}
              max={200}
              sx={{ flex: '1 1 180px' }}
            />
          </Stack>
          {warning && <Alert severity="warning">{warning}</Alert>}
        </>
      )}
      <FormControlLabel
        control={
          <Checkbox
            checked={value.circuitBreaker}
            onChange={(event) =>
              onChange({
                circuitBreaker: event.target.checked,
                ...(event.target.checked ? {} : { rollback: false }),
              })
            }
          />
        }
        label="Circuit breaker: fail the deployment when its tasks keep failing to start"
      />
      <FormControlLabel
        sx={{ ml: 3 }}
        control={
          <Checkbox
            checked={value.rollback}
            disabled={!value.circuitBreaker}
            onChange={(event) => onChange({ rollback: event.target.checked })}
          />
        }
        label="Roll back to the last completed deployment when it trips"
      />
    </Stack>
  );
}
