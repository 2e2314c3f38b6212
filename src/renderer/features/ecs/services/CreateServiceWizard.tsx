import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Step,
  StepButton,
  Stepper,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { PlacementRows } from '../placement/PlacementRows';
import {
  activeRevisions,
  cliInputJson,
  containerPorts,
  createServiceProblems,
  loadBalancerStepProblems,
  withLoadBalancerDefaults,
  createServiceRequest,
  initialCreateServiceForm,
  maxDesiredCount,
  needsSubnets,
  rolloutWarning,
  targetTypeProblem,
  type CreateServiceForm,
  type LaunchType,
  type SchedulingStrategy,
  type TargetGroupChoice,
} from './create-service-form';
import { DeploymentConfigurationFields } from './DeploymentConfigurationFields';
import {
  listenerChoices,
  strategyProblems,
  usesLoadBalancer,
  withStrategyDefaults,
} from './deployment-strategy';
import { DeploymentStrategyFields } from './DeploymentStrategyFields';
import { revisionName } from './service-view';
import { NumberField } from '../common/NumberField';

const steps = [
  { label: 'Task definition', fields: ['serviceName', 'taskDefinition'] },
  { label: 'Launch and count', fields: ['launchType', 'schedulingStrategy', 'desiredCount'] },
  { label: 'Placement and network', fields: ['strategies', 'constraints', 'subnets'] },
  {
    label: 'Load balancer',
    fields: ['targetGroupArn', 'lbContainerName', 'lbContainerPort', 'healthCheckGracePeriod'],
  },
  {
    label: 'Deployment',
    fields: [
      'minimumHealthyPercent',
      'maximumPercent',
      'strategy',
      'bakeTimeInMinutes',
      'stepPercent',
      'stepBakeTimeInMinutes',
      'canaryPercent',
      'canaryBakeTimeInMinutes',
      'alternateTargetGroupArn',
      'productionListenerArn',
      'testListenerArn',
      'roleArn',
    ],
  },
] as const satisfies readonly { label: string; fields: readonly (keyof CreateServiceForm)[] }[];

/**
 * CreateService step by step, with the equivalent `aws ecs create-service --cli-input-json`
 * text beside it, live, to copy and run against real ECS.
 */
export function CreateServiceWizard({
  cluster,
  onClose,
  onCreated,
}: {
  cluster: string;
  onClose(): void;
  onCreated(serviceName: string): void;
}) {
  const definitions = useStowageQuery('ecs.taskDefinitions.list', {});
  const revisions = useMemo(() => activeRevisions(definitions.data ?? []), [definitions.data]);
  const [typed, setTyped] = useState<CreateServiceForm>(() => initialCreateServiceForm(''));
  const [step, setStep] = useState(0);
  const [copied, setCopied] = useState(false);
  const action = useStowageMutation();
  const loadBalancerStep = 3;
  const balancing = useStowageQuery(
    'ecs.loadBalancers.list',
    { cluster },
    { enabled: step === loadBalancerStep || typed.behindLoadBalancer },
  );
  const groups: TargetGroupChoice[] = useMemo(
    () =>
      (balancing.data?.targetGroups ?? []).map((group) => ({
        targetGroupArn: group.targetGroup.TargetGroupArn ?? '',
        name: group.targetGroup.TargetGroupName ?? '',
        targetType: group.targetGroup.TargetType ?? 'instance',
      })),
    [balancing.data],
  );
  // Until one is chosen, the newest revision of the first family.
  const chosen = typed.taskDefinition || (revisions[0]?.taskDefinitionArn ?? '');
  const definition = revisions.find((item) => item.taskDefinitionArn === chosen);
  const balancers = balancing.data?.loadBalancers ?? [];
  const primaryGroup = typed.behindLoadBalancer ? typed.targetGroupArn : '';
  const listeners = listenerChoices(balancers, primaryGroup);
  const form: CreateServiceForm = withStrategyDefaults(
    withLoadBalancerDefaults({ ...typed, taskDefinition: chosen }, definition),
    primaryGroup,
    groups.map((group) => group.targetGroupArn),
    listeners,
  );
  const containers = containerPorts(definition);
  const shifting = usesLoadBalancer(form.strategy);
  const alternate = groups.find((group) => group.targetGroupArn === form.alternateTargetGroupArn);
  const alternateProblem = shifting && alternate && targetTypeProblem(alternate, form, definition);
  const problems = {
    ...createServiceProblems(form, definition),
    ...loadBalancerStepProblems(form, definition, groups),
    ...(alternateProblem ? { alternateTargetGroupArn: alternateProblem } : {}),
    ...strategyProblems(form, {
      daemon: form.schedulingStrategy === 'DAEMON',
      primaryTargetGroupArn: primaryGroup,
      targetGroupArns: groups.map((group) => group.targetGroupArn),
      listenerArns: listeners.map((item) => item.listenerArn),
    }),
  };
  const request = createServiceRequest(cluster, form, definition);
  const json = cliInputJson(request);
  const stepProblems = (index: number) =>
    (steps[index]?.fields ?? []).flatMap((field) => problems[field] ?? []);
  const lastStep = step === steps.length - 1;
  const daemon = form.schedulingStrategy === 'DAEMON';
  const set = (patch: Partial<CreateServiceForm>) => {
    setCopied(false);
    setTyped((current) => ({ ...current, ...patch }));
  };
  const error = (field: keyof CreateServiceForm) => problems[field];

  const create = async () => {
    if (Object.keys(problems).length > 0) return;
    const answer = await action.run((client) => client.call('ecs.services.create', { request }));
    if (answer.ok) onCreated(form.serviceName);
  };
  const copy = () => {
    void navigator.clipboard?.writeText(`${json}\n`);
    setCopied(true);
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="create-service-title">
      <DialogTitle id="create-service-title">Create a service in {cluster}</DialogTitle>
      <DialogContent dividers>
        {definitions.error && (
          <QueryErrorAlert
            error={definitions.error}
            failedTo="list task definitions"
            refreshes="the list refreshes"
            testId="wizard-definitions-error"
          />
        )}
        {definitions.data && revisions.length === 0 ? (
          <Alert severity="info" data-testid="wizard-no-definitions">
            A service runs a task definition: register one first on the Task definitions tab
            (Create), then come back.
          </Alert>
        ) : (
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <Stack sx={{ gap: 2, flex: '1 1 420px', minWidth: 0 }}>
              <Stepper nonLinear activeStep={step} alternativeLabel>
                {steps.map((item, index) => (
                  <Step
                    key={item.label}
                    completed={index < step && stepProblems(index).length === 0}
                  >
                    <StepButton onClick={() => setStep(index)}>{item.label}</StepButton>
                  </Step>
                ))}
              </Stepper>
              {/* Above the step: the form can be taller than the dialog, and Create is below it. */}
              <MutationErrorAlert
                mutation={action}
                title="ECS refused the service"
                testId="create-service-error"
              />
              {step === 0 && (
                <>
                  <TextField
                    label="Service name"
                    autoFocus
                    value={form.serviceName}
                    onChange={(event) => set({ serviceName: event.target.value })}
                    error={form.serviceName !== '' && error('serviceName') !== undefined}
                    helperText={
                      form.serviceName === ''
                        ? 'Letters, numbers, hyphens and underscores; unique in the cluster.'
                        : (error('serviceName') ?? ' ')
                    }
                  />
                  <TextField
                    select
                    label="Task definition revision"
                    value={form.taskDefinition}
                    onChange={(event) => set({ taskDefinition: event.target.value })}
                    error={error('taskDefinition') !== undefined}
                    helperText={
                      error('taskDefinition') ?? 'The revision the service keeps running.'
                    }
                  >
                    {revisions.map((item) => (
                      <MenuItem key={item.taskDefinitionArn} value={item.taskDefinitionArn}>
                        {revisionName(item.taskDefinitionArn)}
                        <Typography
                          component="span"
                          variant="caption"
                          color="text.secondary"
                          sx={{ ml: 1 }}
                        >
                          {item.networkMode ?? 'bridge'} · {(item.compatibilities ?? []).join(', ')}
                        </Typography>
                      </MenuItem>
                    ))}
                  </TextField>
                </>
              )}
              {step === 1 && (
                <>
                  <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
                    <TextField
                      select
                      label="Launch type"
                      value={form.launchType}
                      onChange={(event) => set({ launchType: event.target.value as LaunchType })}
                      error={error('launchType') !== undefined}
                      helperText={error('launchType') ?? 'EC2 places tasks on your instances.'}
                      sx={{ flex: '1 1 180px' }}
                    >
                      <MenuItem value="EC2">EC2</MenuItem>
                      <MenuItem value="FARGATE">Fargate</MenuItem>
                    </TextField>
                    <TextField
                      select
                      label="Service type"
                      value={form.schedulingStrategy}
                      onChange={(event) => {
                        const strategy = event.target.value as SchedulingStrategy;
                        set(
                          strategy === 'DAEMON'
                            ? {
                                schedulingStrategy: strategy,
                                minimumHealthyPercent: '0',
                                maximumPercent: '100',
                              }
                            : {
                                schedulingStrategy: strategy,
                                minimumHealthyPercent: '100',
                                maximumPercent: '200',
                              },
                        );
                      }}
                      error={error('schedulingStrategy') !== undefined}
                      helperText={
                        error('schedulingStrategy') ??
                        (daemon ? 'One task on each instance.' : 'Keeps a count of tasks running.')
                      }
                      sx={{ flex: '1 1 180px' }}
                    >
                      <MenuItem value="REPLICA">Replica</MenuItem>
                      <MenuItem value="DAEMON">Daemon</MenuItem>
                    </TextField>
                  </Stack>
                  {!daemon && (
                    <NumberField
                      label="Desired tasks"
                      value={form.desiredCount}
                      onChange={(typed) => set({ desiredCount: typed })}
                      problem={error('desiredCount')}
                      help="You can scale it any time later."
                      min={0}
                      max={maxDesiredCount}
                      sx={{ width: 200 }}
                    />
                  )}
                </>
              )}
              {step === 2 && (
                <>
                  {form.launchType === 'EC2' ? (
                    <>
                      {daemon && (
                        <Typography variant="body2" color="text.secondary">
                          A DAEMON service takes no placement strategy; constraints narrow the
                          instances it runs on.
                        </Typography>
                      )}
                      <PlacementRows
                        strategies={daemon ? [] : form.strategies}
                        constraints={form.constraints}
                        onStrategies={(strategies) => set({ strategies })}
                        onConstraints={(constraints) => set({ constraints })}
                      />
                      {!daemon && form.strategies.length === 0 && (
                        <Typography variant="caption" color="text.secondary">
                          None given: ECS spreads the tasks over availability zones, then instances.
                        </Typography>
                      )}
                      {error('constraints') && (
                        <Alert severity="error">{error('constraints')}</Alert>
                      )}
                    </>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      Fargate places the tasks itself, spread over the subnets’ zones.
                    </Typography>
                  )}
                  {needsSubnets(form, definition) ? (
                    <TextField
                      label="Subnets"
                      value={form.subnets}
                      onChange={(event) => set({ subnets: event.target.value })}
                      error={error('subnets') !== undefined}
                      helperText={
                        error('subnets') ??
                        'Comma-separated; each subnet lies in one zone (subnet-a in the first).'
                      }
                    />
                  ) : (
                    <Typography variant="caption" color="text.secondary">
                      The revision uses {definition?.networkMode ?? 'bridge'} networking on EC2: no
                      subnets needed.
                    </Typography>
                  )}
                </>
              )}
              {step === loadBalancerStep && (
                <>
                  <FormControlLabel
                    control={
                      <Switch
                        checked={form.behindLoadBalancer}
                        onChange={(event) => set({ behindLoadBalancer: event.target.checked })}
                      />
                    }
                    label="Put the service behind a load balancer"
                  />
                  {!form.behindLoadBalancer ? (
                    <Typography variant="body2" color="text.secondary">
                      Optional. Behind a load balancer each task’s container port is registered in a
                      target group as the task starts, and a task that fails the load balancer’s
                      health check is replaced.
                    </Typography>
                  ) : (
                    <>
                      {balancing.error && (
                        <QueryErrorAlert
                          error={balancing.error}
                          failedTo="list the target groups"
                          refreshes="the list refreshes"
                          testId="wizard-target-groups-error"
                        />
                      )}
                      {balancing.data && groups.length === 0 && (
                        <Alert severity="info" data-testid="wizard-no-target-groups">
                          There is no target group yet: create a load balancer on the Load balancers
                          tab (it makes one), then come back.
                        </Alert>
                      )}
                      <TextField
                        select
                        label="Target group"
                        value={groups.length > 0 ? form.targetGroupArn : ''}
                        onChange={(event) => set({ targetGroupArn: event.target.value })}
                        error={error('targetGroupArn') !== undefined}
                        helperText={
                          error('targetGroupArn') ??
                          'Target type ip for awsvpc tasks, instance for bridge tasks on EC2.'
                        }
                      >
                        {groups.map((group) => (
                          <MenuItem key={group.targetGroupArn} value={group.targetGroupArn}>
                            {group.name}
                            <Typography
                              component="span"
                              variant="caption"
                              color="text.secondary"
                              sx={{ ml: 1 }}
                            >
                              {group.targetType}
                            </Typography>
                          </MenuItem>
                        ))}
                      </TextField>
                      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
                        <TextField
                          select
                          label="Container"
                          value={containers.length > 0 ? form.lbContainerName : ''}
                          onChange={(event) =>
                            set({ lbContainerName: event.target.value, lbContainerPort: '' })
                          }
                          error={error('lbContainerName') !== undefined}
                          helperText={error('lbContainerName') ?? 'The container that serves.'}
                          sx={{ flex: '1 1 180px' }}
                        >
                          {containers.map((container) => (
                            <MenuItem key={container.name} value={container.name}>
                              {container.name}
                            </MenuItem>
                          ))}
                        </TextField>
                        <TextField
                          select
                          label="Container port"
                          value={
                            containers.some((item) => item.name === form.lbContainerName)
                              ? form.lbContainerPort
                              : ''
                          }
                          onChange={(event) => set({ lbContainerPort: event.target.value })}
                          error={error('lbContainerPort') !== undefined}
                          helperText={error('lbContainerPort') ?? 'From its port mappings.'}
                          sx={{ flex: '1 1 140px' }}
                        >
                          {(
                            containers.find((item) => item.name === form.lbContainerName)?.ports ??
                            []
                          ).map((port) => (
                            <MenuItem key={port} value={String(port)}>
                              {port}
                            </MenuItem>
                          ))}
                        </TextField>
                      </Stack>
                      <NumberField
                        label="Health check grace period (s)"
                        value={form.healthCheckGracePeriod}
                        onChange={(typed) => set({ healthCheckGracePeriod: typed })}
                        problem={error('healthCheckGracePeriod')}
                        help="How long a new task’s failed health checks are ignored while it starts."
                        min={0}
                        sx={{ width: 280 }}
                      />
                    </>
                  )}
                </>
              )}
              {step === 4 && (
                <>
                  <DeploymentStrategyFields
                    value={form}
                    problems={problems}
                    targetGroups={groups.filter((group) => group.targetGroupArn !== primaryGroup)}
                    listeners={listeners}
                    onChange={set}
                  />
                  <DeploymentConfigurationFields
                    value={{
                      minimumHealthyPercent: form.minimumHealthyPercent,
                      maximumPercent: form.maximumPercent,
                      circuitBreaker: form.circuitBreaker,
                      rollback: form.rollback,
                    }}
                    problems={problems}
                    fixedMaximum={daemon}
                    percentLimits={!shifting}
                    warning={rolloutWarning(form, daemon)}
                    onChange={set}
                  />
                </>
              )}
            </Stack>
            <Box sx={{ flex: '1 1 360px', minWidth: 0 }}>
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1 }}>
                <Typography variant="subtitle2" sx={{ flex: 1 }}>
                  <Box component="code">aws ecs create-service --cli-input-json</Box>
                </Typography>
                <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy JSON'}
                </Button>
              </Stack>
              <Box
                component="pre"
                data-testid="create-service-json"
                aria-label="Equivalent CreateService JSON"
                tabIndex={0}
                sx={{
                  m: 0,
                  p: 1.5,
                  bgcolor: 'action.hover',
                  borderRadius: 1,
                  fontSize: 12,
                  maxHeight: 420,
                  overflow: 'auto',
                }}
              >
                {json}
              </Box>
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Box sx={{ flex: 1 }} />
        <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </Button>
        {lastStep ? (
          <Button
            variant="contained"
            disabled={Object.keys(problems).length > 0 || action.busy || revisions.length === 0}
            onClick={() => void create()}
          >
            Create service
          </Button>
        ) : (
          <Button
            variant="contained"
            disabled={stepProblems(step).length > 0}
            onClick={() => setStep(step + 1)}
          >
            Next
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
