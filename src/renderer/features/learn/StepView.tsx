import { Alert, Box, Button, Chip, Link, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { TourStepStatus } from '../../../shared';
import { useStowageMutation, useStowageStream } from '../../api';
import { ConfirmDialog } from '../../common/ConfirmDialog';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { hashOf } from '../../common/routes';
import { navigate } from '../../common/use-route';
import { StepPicture } from './StepPicture';
import { stepContent } from './step-content';
import { stateLabels } from './state-labels';

/** One step's page: what the idea is, the one button that does it, and what changed. */
export function StepView({
  step,
  number,
  total,
  presenter,
  previous,
  next,
  onChanged,
}: {
  step: TourStepStatus;
  number: number;
  total: number;
  presenter: boolean;
  previous: string | undefined;
  next: string | undefined;
  onChanged: () => Promise<void>;
}) {
  const content = stepContent[step.id];
  const [started, setStarted] = useState(false);
  const run = useStowageStream('tour.steps.run', { step: step.id }, { enabled: started });
  const [confirming, setConfirming] = useState(false);
  const reset = useStowageMutation();
  const running = started && run.status === 'running';

  useEffect(() => {
    if (run.status !== 'running' && run.status !== 'idle') void onChanged();
  }, [run.status, onChanged]);

  const start = () => (started ? run.restart() : setStarted(true));
  const resetStep = async () => {
    setConfirming(false);
    const outcome = await reset.run((client) => client.call('tour.steps.reset', { step: step.id }));
    if (outcome.ok) {
      setStarted(false);
      await onChanged();
    }
  };
  const go = (id: string) =>
    navigate({ page: 'learn', step: id, ...(presenter ? { presenter } : {}) });

  return (
    <Stack
      component="article"
      sx={{ gap: 2, maxWidth: presenter ? 'none' : 960 }}
      aria-labelledby="step-title"
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="overline" component="p">
          Step {number} of {total}
        </Typography>
        <Chip size="small" label={stateLabels[step.state]} data-testid="step-state" />
      </Stack>
      <Typography variant="h5" component="h1" id="step-title">
        {step.title}
      </Typography>
      {content.sentences.map((sentence) => (
        <Typography key={sentence}>{sentence}</Typography>
      ))}
      {!presenter && step.needs.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Needs: {step.needs.join('; ')}.
        </Typography>
      )}
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={start} disabled={running}>
          {step.state === 'done' ? `${content.runLabel} again` : content.runLabel}
        </Button>
        {running && <Button onClick={run.cancel}>Cancel</Button>}
      </Stack>
      {started && run.items.length > 0 && (
        <Box
          component="ol"
          aria-label="What the step did"
          aria-busy={running}
          data-testid="step-progress"
          sx={{ m: 0, pl: 3, fontFamily: 'monospace', fontSize: '0.85rem' }}
        >
          {run.items.map((item, index) => (
            <li key={index}>{item.message}</li>
          ))}
        </Box>
      )}
      {run.status === 'error' && run.error && (
        <Alert severity="error" data-testid="step-error">
          {run.error.message}
        </Alert>
      )}
      {run.status === 'cancelled' && <Alert severity="info">The step was cancelled.</Alert>}
      {step.state === 'failed' && run.status !== 'error' && step.message && (
        <Alert severity="warning">{step.message}</Alert>
      )}
      {step.result && step.state === 'done' && (
        <Stack component="section" aria-label="What changed" sx={{ gap: 1.5 }}>
          <Typography variant="h6" component="h2">
            What changed
          </Typography>
          {step.message && <Typography data-testid="step-summary">{step.message}</Typography>}
          <StepPicture result={step.result} />
          {!presenter && step.created.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              Made by this step (labelled stowage.tour=1):{' '}
              {step.created.map((resource) => resource.name).join(', ')}
            </Typography>
          )}
        </Stack>
      )}
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <Link href={hashOf(content.goOn.route)}>{content.goOn.label}</Link>
        <Link href={content.docs.href} target="_blank" rel="noreferrer">
          {content.docs.label}
        </Link>
      </Stack>
      <MutationErrorAlert mutation={reset} title="The step could not be reset" />
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button disabled={previous === undefined} onClick={() => previous && go(previous)}>
          Previous step
        </Button>
        <Button disabled={next === undefined} onClick={() => next && go(next)}>
          Next step
        </Button>
        <Box sx={{ flex: 1 }} />
        {!presenter && (
          <Button
            color="warning"
            disabled={running || step.state === 'not-started' || reset.busy}
            onClick={() => setConfirming(true)}
          >
            Reset step
          </Button>
        )}
      </Stack>
      <ConfirmDialog
        request={
          confirming
            ? {
                title: 'Reset this step?',
                message: 'What the step made is removed and its progress forgotten.',
                items: step.created.map((resource) => `${resource.kind} ${resource.name}`),
                confirmLabel: 'Reset step',
              }
            : undefined
        }
        onClose={(answer) => (answer ? void resetStep() : setConfirming(false))}
      />
    </Stack>
  );
}
