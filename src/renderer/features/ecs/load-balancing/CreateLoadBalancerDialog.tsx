import { Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { useToast } from '../../../common/toast';
import {
  createListenerRequest,
  createLoadBalancerRequest,
  createTargetGroupRequest,
  initialLoadBalancerForm,
  listenerPortNote,
  loadBalancerFieldLabels,
  loadBalancerProblems,
  type LoadBalancerForm,
} from './elb-form';

/** What was already made, so a retry after a refusal does not make it twice. */
interface Made {
  targetGroupArn?: string;
  loadBalancerArn?: string;
}

/**
 * An application load balancer with one HTTP listener forwarding to a new target group: the
 * CreateTargetGroup, CreateLoadBalancer and CreateListener requests a script would send.
 */
export function CreateLoadBalancerDialog({
  cluster,
  onClose,
  onCreated,
}: {
  cluster: string;
  onClose(): void;
  onCreated(name: string): void;
}) {
  const [form, setForm] = useState<LoadBalancerForm>(initialLoadBalancerForm);
  const [touched, setTouched] = useState<Partial<Record<keyof LoadBalancerForm, boolean>>>({});
  const [made, setMade] = useState<Made>({});
  const action = useStowageMutation();
  const toast = useToast();
  const problems = loadBalancerProblems(form);
  const set = (patch: Partial<LoadBalancerForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setTouched((current) => ({
      ...current,
      ...Object.fromEntries(Object.keys(patch).map((key) => [key, true])),
    }));
  };
  // A problem shows at its field once the field was typed in (the empty name says nothing yet).
  const shown = (field: keyof LoadBalancerForm) => (touched[field] ? problems[field] : undefined);

  const create = async () => {
    const sofar: Made = { ...made };
    const answer = await action.run(async (client) => {
      if (!sofar.targetGroupArn) {
        const group = await client.call('ecs.targetGroups.create', {
          request: { ...createTargetGroupRequest(form) },
        });
        sofar.targetGroupArn = group.TargetGroupArn;
      }
      if (!sofar.loadBalancerArn) {
        const balancer = await client.call('ecs.loadBalancers.create', {
          request: { ...createLoadBalancerRequest(form) },
        });
        sofar.loadBalancerArn = balancer.LoadBalancerArn;
      }
      await client.call('ecs.listeners.create', {
        request: {
          ...createListenerRequest(form, sofar.loadBalancerArn ?? '', sofar.targetGroupArn ?? ''),
        },
      });
    });
    setMade(sofar);
    if (answer.ok) {
      toast.show({
        message: `Load balancer ${form.name} created`,
        link: {
          label: 'Open',
          route: { page: 'ecs', view: 'load-balancers', cluster, loadBalancer: form.name },
        },
      });
      onCreated(form.name);
    }
  };

  const field = (
    name: keyof LoadBalancerForm,
    label: string,
    help: string,
    extra: { width?: number; disabled?: boolean } = {},
  ) => (
    <TextField
      label={label}
      value={form[name]}
      onChange={(event) => set({ [name]: event.target.value })}
      error={shown(name) !== undefined}
      helperText={shown(name) ?? help}
      disabled={extra.disabled}
      sx={{ flex: extra.width ? `0 1 ${extra.width}px` : '1 1 200px' }}
    />
  );
  const partlyMade = made.targetGroupArn !== undefined || made.loadBalancerArn !== undefined;

  return (
    <FormDialog
      title="Create a load balancer"
      onClose={onClose}
      onSubmit={create}
      submitLabel="Create load balancer"
      mutation={action}
      disabled={Object.keys(problems).length > 0}
      problems={(Object.keys(touched) as (keyof LoadBalancerForm)[]).flatMap((key) => {
        const problem = touched[key] ? problems[key] : undefined;
        return problem ? [`${loadBalancerFieldLabels[key]}: ${problem}`] : [];
      })}
      errorTitle="ELB refused it"
      errorTestId="create-load-balancer-error"
      maxWidth="md"
      dividers
    >
      <Typography variant="subtitle2" component="h3" sx={{ pt: 2 }}>
        Load balancer
      </Typography>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <TextField
          label="Load balancer name"
          autoFocus
          value={form.name}
          onChange={(event) => set({ name: event.target.value })}
          error={shown('name') !== undefined}
          helperText={shown('name') ?? 'Up to 32 letters, numbers and hyphens.'}
          disabled={made.loadBalancerArn !== undefined}
          sx={{ flex: '1 1 240px' }}
        />
        {field('subnets', 'Subnets', 'Comma-separated, in at least two zones.', {
          disabled: made.loadBalancerArn !== undefined,
        })}
      </Stack>
      <Typography variant="subtitle2" component="h3">
        Listener (HTTP)
      </Typography>
      <TextField
        label="Listener port"
        type="number"
        value={form.listenerPort}
        onChange={(event) => set({ listenerPort: event.target.value })}
        error={shown('listenerPort') !== undefined}
        helperText={shown('listenerPort') ?? listenerPortNote(form.listenerPort)}
        slotProps={{ htmlInput: { min: 1, max: 65535 } }}
      />
      <Typography variant="subtitle2" component="h3">
        Target group
      </Typography>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <TextField
          label="Target group name"
          value={form.targetGroupName}
          onChange={(event) => set({ targetGroupName: event.target.value })}
          error={shown('targetGroupName') !== undefined}
          helperText={
            shown('targetGroupName') ?? 'Services register their tasks in it by this group.'
          }
          disabled={made.targetGroupArn !== undefined}
          sx={{ flex: '1 1 240px' }}
        />
        <TextField
          select
          label="Target type"
          value={form.targetType}
          onChange={(event) => set({ targetType: event.target.value as 'ip' | 'instance' })}
          helperText={
            form.targetType === 'ip'
              ? 'A task’s own address (awsvpc tasks, Fargate).'
              : 'An instance and a host port (bridge tasks on EC2).'
          }
          disabled={made.targetGroupArn !== undefined}
          sx={{ flex: '0 1 220px' }}
        >
          <MenuItem value="ip">IP addresses</MenuItem>
          <MenuItem value="instance">Instances</MenuItem>
        </TextField>
        {field(
          'targetPort',
          'Target port',
          'Where targets listen, unless registered with a port.',
          {
            width: 200,
            disabled: made.targetGroupArn !== undefined,
          },
        )}
      </Stack>
      <Typography variant="subtitle2" component="h3">
        Health check
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Quicker than ELB&apos;s defaults (every 30 s, 5 passes), so targets turn healthy within
        seconds.
      </Typography>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {field('healthCheckPath', 'Health check path', 'Requested with GET on each target.')}
        {field('matcher', 'Success codes', '200, 200,202 or 200-299.', { width: 200 })}
      </Stack>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {field('intervalSeconds', 'Interval (s)', '5 to 300.', { width: 150 })}
        {field('timeoutSeconds', 'Timeout (s)', 'Shorter than the interval.', { width: 150 })}
        {field('healthyThreshold', 'Healthy threshold', 'Passes in a row to get traffic.', {
          width: 180,
        })}
        {field('unhealthyThreshold', 'Unhealthy threshold', 'Failures in a row to lose it.', {
          width: 180,
        })}
      </Stack>
      <TextField
        label="Deregistration delay (s)"
        value="300"
        disabled
        helperText="ELB’s default: a deregistered target drains for 300 s, finishing requests in flight. It is a target group attribute (ModifyTargetGroupAttributes), which this dialog does not set."
      />
      {partlyMade && (
        <Box data-testid="create-load-balancer-made">
          <Typography variant="body2" color="text.secondary">
            Already made: {made.targetGroupArn ? 'the target group' : ''}
            {made.targetGroupArn && made.loadBalancerArn ? ' and ' : ''}
            {made.loadBalancerArn ? 'the load balancer' : ''}. Create again makes only the rest.
          </Typography>
        </Box>
      )}
    </FormDialog>
  );
}
