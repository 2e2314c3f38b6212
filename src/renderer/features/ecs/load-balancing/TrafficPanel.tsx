import { useQueryClient } from '@tanstack/react-query';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import type { TrafficRun } from '../../../../shared/contract/ecs-load-balancing';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { trafficProblems, type TrafficForm } from './traffic-form';

/**
 * The run to show: the one started here, else the newest sent to this listener, else (a run
 * that does not name its listener) the newest that went to this listener's URL.
 */
function shownRun(
  runs: readonly TrafficRun[],
  startedId: string | undefined,
  listenerArn: string,
  urls: readonly string[],
): TrafficRun | undefined {
  return (
    runs.find((run) => run.id === startedId) ??
    runs.find((run) => run.listenerArn === listenerArn) ??
    runs.find((run) => run.listenerArn === undefined && urls.some((url) => run.url.startsWith(url)))
  );
}

const statusColor = (status: string) =>
  status.startsWith('2') ? 'success' : status.startsWith('3') ? 'info' : 'error';

/**
 * "Send traffic": GET requests at a steady rate through one listener, from inside the app, with
 * the answers per target (so the spreading shows) and by status, and the latency percentiles.
 */
export function TrafficPanel({
  listenerArn,
  listenerName,
  urls,
  runs,
}: {
  listenerArn: string;
  /** The listener as the page names it ("web · HTTP:8080"). */
  listenerName: string;
  /** Where this listener is reached, to find a run started elsewhere (after a reload). */
  urls: readonly string[];
  runs: readonly TrafficRun[];
}) {
  const [form, setForm] = useState<TrafficForm>({ rate: '20', duration: '60', path: '/' });
  const [startedId, setStartedId] = useState<string | undefined>(undefined);
  const action = useStowageMutation();
  const queryClient = useQueryClient();
  // A run's start and stop change no control-plane state, so no event marks the runs stale.
  const refreshRuns = () => queryClient.invalidateQueries({ queryKey: ['ecs.traffic.list'] });
  const problems = trafficProblems(form);
  const run = shownRun(runs, startedId, listenerArn, urls);
  const running = run !== undefined && run.stoppedAt === undefined;

  const start = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.traffic.start', {
        listenerArn,
        path: form.path,
        requestsPerSecond: Number(form.rate),
        durationSeconds: Number(form.duration),
      }),
    );
    if (answer.ok) setStartedId(answer.value.id);
    await refreshRuns();
  };
  const stop = async () => {
    if (run) await action.run((client) => client.call('ecs.traffic.stop', { id: run.id }));
    await refreshRuns();
  };
  const targets = [...(run?.byTarget ?? [])].sort((a, b) => a.target.localeCompare(b.target));

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="traffic-panel">
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600, mb: 1 }}>
        Send traffic
      </Typography>
      <Stack
        component="form"
        direction="row"
        sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
        onSubmit={(event) => {
          event.preventDefault();
          if (!running && Object.keys(problems).length === 0) void start();
        }}
      >
        <TextField
          size="small"
          label="Requests per second"
          type="number"
          value={form.rate}
          onChange={(event) => setForm({ ...form, rate: event.target.value })}
          error={problems.rate !== undefined}
          helperText={problems.rate ?? '1 to 500.'}
          sx={{ width: 180 }}
        />
        <TextField
          size="small"
          label="For (seconds)"
          type="number"
          value={form.duration}
          onChange={(event) => setForm({ ...form, duration: event.target.value })}
          error={problems.duration !== undefined}
          helperText={problems.duration ?? 'Stops by itself after.'}
          sx={{ width: 160 }}
        />
        <TextField
          size="small"
          label="Path"
          value={form.path}
          onChange={(event) => setForm({ ...form, path: event.target.value })}
          error={problems.path !== undefined}
          helperText={problems.path ?? 'GET requests to it.'}
          sx={{ width: 180 }}
        />
        {running ? (
          <Button
            variant="outlined"
            color="error"
            startIcon={<StopIcon />}
            disabled={action.busy}
            onClick={() => void stop()}
            sx={{ mt: 0.5 }}
          >
            Stop traffic
          </Button>
        ) : (
          <Button
            type="submit"
            variant="contained"
            startIcon={<PlayArrowIcon />}
            disabled={action.busy || Object.keys(problems).length > 0}
            sx={{ mt: 0.5 }}
          >
            Send traffic
          </Button>
        )}
      </Stack>
      <MutationErrorAlert
        mutation={action}
        title="The traffic did not start"
        testId="traffic-error"
      />
      {run === undefined ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Send traffic to watch the load balancer spread it over the healthy targets: the answers
          per target show here, and the targets’ request counts grow.
        </Typography>
      ) : (
        <Box sx={{ mt: 1 }} data-testid="traffic-run" data-running={running}>
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            <Typography variant="body2" data-testid="traffic-sent">
              {running ? 'Sending' : 'Sent'} {run.sent.toLocaleString()} requests at{' '}
              {run.requestsPerSecond}/s
            </Typography>
            <Typography variant="body2" color="text.secondary" data-testid="traffic-listener">
              {run.listenerArn === listenerArn ? `to ${listenerName} · ` : 'to '}
              <Box component="span" sx={{ fontFamily: 'monospace' }}>
                {run.url}
              </Box>
            </Typography>
            {Object.entries(run.byStatus)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([status, count]) => (
                <Chip
                  key={status}
                  size="small"
                  variant="outlined"
                  color={statusColor(status)}
                  label={`${status === 'error' ? 'no answer' : status}: ${count}`}
                  data-testid="traffic-status"
                  data-status={status}
                />
              ))}
            {run.latencyMs && (
              <Typography variant="body2" color="text.secondary" data-testid="traffic-latency">
                p50 {run.latencyMs.p50.toFixed(1)} ms · p99 {run.latencyMs.p99.toFixed(1)} ms
              </Typography>
            )}
          </Stack>
          {targets.length > 0 ? (
            <Box data-testid="traffic-by-target" aria-label="Answers per target">
              <BarChart
                height={200}
                skipAnimation
                margin={{ left: 8, right: 16, top: 16, bottom: 8 }}
                xAxis={[{ scaleType: 'band', data: targets.map((item) => item.target) }]}
                yAxis={[{ min: 0, width: 56 }]}
                series={[{ data: targets.map((item) => item.responses), label: 'Answers' }]}
                hideLegend
              />
              <Box component="ul" sx={{ m: 0, pl: 2, columns: 2 }}>
                {targets.map((item) => (
                  <li key={item.target} data-testid="traffic-target" data-target={item.target}>
                    <Typography variant="caption">
                      <Box component="span" sx={{ fontFamily: 'monospace' }}>
                        {item.target}
                      </Box>
                      : {item.responses.toLocaleString()}
                    </Typography>
                  </li>
                ))}
              </Box>
            </Box>
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              No target has answered yet.
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
}
