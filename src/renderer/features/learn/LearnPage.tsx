import CloseFullscreenIcon from '@mui/icons-material/CloseFullscreen';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Link,
  List,
  ListItem,
  ListItemText,
  Portal,
  Stack,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { TourStepStatus } from '../../../shared';
import { useStowageMutation } from '../../api';
import { ConfirmDialog } from '../../common/ConfirmDialog';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { hashOf, type LearnRoute } from '../../common/routes';
import { navigate, usePageRoute } from '../../common/use-route';
import { StepView } from './StepView';
import { stateLabels } from './state-labels';
import { useTourStatus } from './use-tour';

const stepKeys = { next: ['ArrowRight', 'PageDown'], previous: ['ArrowLeft', 'PageUp'] };

/** The Learn section: the list of steps with progress, or one step, in presenter mode or not. */
export function LearnPage() {
  const route = usePageRoute('learn');
  const { status, refresh } = useTourStatus();
  const onChanged = useCallback(async () => {
    await refresh();
  }, [refresh]);
  const steps = status.data?.steps ?? [];
  const index = steps.findIndex((step) => step.id === route.step);
  const current = steps[index];

  const body = (
    <Stack sx={{ gap: 2 }}>
      {status.error && (
        <QueryErrorAlert
          error={status.error}
          failedTo="read the tour’s progress"
          refreshes="it shows"
          testId="tour-status-error"
        />
      )}
      {status.data?.notice && <Alert severity="warning">{status.data.notice}</Alert>}
      {status.isPending && <LinearProgress aria-label="Loading the tour" />}
      {route.step !== undefined && status.data && !current && (
        <Alert severity="info">The tour has no step “{route.step}”.</Alert>
      )}
      {current ? (
        <StepView
          key={current.id}
          step={current}
          number={index + 1}
          total={steps.length}
          presenter={route.presenter === true}
          previous={steps[index - 1]?.id}
          next={steps[index + 1]?.id}
          onChanged={onChanged}
        />
      ) : (
        status.data && <Overview steps={steps} onChanged={onChanged} />
      )}
    </Stack>
  );
  return route.presenter ? (
    <Presenter route={route} steps={steps} index={index}>
      {body}
    </Presenter>
  ) : (
    <Box sx={{ p: 3 }}>
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        <Button
          startIcon={<OpenInFullIcon />}
          onClick={() => navigate({ ...route, presenter: true, step: route.step ?? steps[0]?.id })}
        >
          Presenter mode
        </Button>
      </Stack>
      {body}
    </Box>
  );
}

function Overview({
  steps,
  onChanged,
}: {
  steps: readonly TourStepStatus[];
  onChanged: () => Promise<void>;
}) {
  const done = steps.filter((step) => step.state === 'done').length;
  const [confirming, setConfirming] = useState(false);
  const reset = useStowageMutation();
  const resetTour = async () => {
    setConfirming(false);
    const outcome = await reset.run((client) => client.call('tour.reset', {}));
    if (outcome.ok) await onChanged();
  };
  return (
    <Stack sx={{ gap: 2, maxWidth: 960 }}>
      <Typography variant="h5" component="h1">
        Learn containers and ECS by doing
      </Typography>
      <Typography>
        Each step is one idea, done for real on your engine: a button runs it, then the page shows
        what changed. Everything the tour makes is labelled and removed when you reset it.
      </Typography>
      <Typography data-testid="tour-progress">
        {done} of {steps.length} steps done
      </Typography>
      <LinearProgress
        variant="determinate"
        value={steps.length === 0 ? 0 : (done / steps.length) * 100}
        aria-label="Steps done"
      />
      <List aria-label="Steps" sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        {steps.map((step, index) => (
          <ListItem key={step.id} divider={index < steps.length - 1} data-testid="tour-step">
            <ListItemText
              primary={
                <Link href={hashOf({ page: 'learn', step: step.id })}>
                  {index + 1}. {step.title}
                </Link>
              }
              secondary={step.message}
            />
            <Chip size="small" label={stateLabels[step.state]} sx={{ ml: 2 }} />
          </ListItem>
        ))}
      </List>
      <MutationErrorAlert mutation={reset} title="The tour could not be reset" />
      {reset.busy && <LinearProgress aria-label="Resetting the tour" />}
      <Box>
        <Button color="warning" onClick={() => setConfirming(true)} disabled={reset.busy}>
          Reset tour
        </Button>
      </Box>
      <ConfirmDialog
        request={
          confirming
            ? {
                title: 'Reset the whole tour?',
                message:
                  'Every container and image the tour made (labelled stowage.tour=1) is removed and its progress forgotten. Nothing else is touched.',
                items: steps.flatMap((step) =>
                  step.created.map((resource) => `${resource.kind} ${resource.name}`),
                ),
                confirmLabel: 'Reset tour',
              }
            : undefined
        }
        onClose={(answer) => (answer ? void resetTour() : setConfirming(false))}
      />
    </Stack>
  );
}

/** The current step filling the window in larger type; arrow keys and PageUp/PageDown move. */
function Presenter({
  route,
  steps,
  index,
  children,
}: {
  route: LearnRoute;
  steps: readonly TourStepStatus[];
  index: number;
  children: React.ReactNode;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [role="dialog"]')) return;
      const move = stepKeys.next.includes(event.key)
        ? 1
        : stepKeys.previous.includes(event.key)
          ? -1
          : 0;
      if (event.key === 'Escape') {
        navigate({ page: 'learn', ...(route.step ? { step: route.step } : {}) });
        return;
      }
      const destination = steps[index + move];
      if (move === 0 || !destination) return;
      event.preventDefault();
      navigate({ page: 'learn', step: destination.id, presenter: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.step, steps, index]);
  // In a portal, so that it covers the app bar and the navigation whatever their layering.
  return (
    <Portal>
      <Box
        role="region"
        aria-label="Presenter mode"
        data-testid="presenter"
        sx={{
          position: 'fixed',
          inset: 0,
          zIndex: (theme) => theme.zIndex.modal - 1,
          bgcolor: 'background.default',
          color: 'text.primary',
          overflow: 'auto',
        }}
      >
        <Stack direction="row" sx={{ justifyContent: 'flex-end', p: 1 }}>
          <Button
            startIcon={<CloseFullscreenIcon />}
            onClick={() => navigate({ page: 'learn', ...(route.step ? { step: route.step } : {}) })}
          >
            Leave presenter mode (Esc)
          </Button>
        </Stack>
        <Box sx={{ zoom: 1.4, px: 4, pb: 4 }}>{children}</Box>
      </Box>
    </Portal>
  );
}
