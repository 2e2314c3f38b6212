import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import type { EcsTask } from '../../../../shared';
import { familyColor } from '../family-colors';
import { taskChipLabel, taskFamily } from './instance-view';
import {
  stageMeanings,
  statusWord,
  stopReasonOf,
  taskStages,
  type MapTask,
  type TaskStage,
} from './task-lifecycle';

/** How a stage looks on a chip: filled when running, outlined while on the way. */
function stageStyle(stage: TaskStage, color: string) {
  switch (stage) {
    case 'running':
      return { bgcolor: color, color: '#fff', border: `2px solid ${color}` };
    case 'starting':
      return {
        bgcolor: (theme: Theme) => alpha(color, theme.palette.mode === 'dark' ? 0.3 : 0.15),
        color: 'text.primary',
        border: `2px dashed ${color}`,
      };
    case 'stopping':
      return {
        bgcolor: (theme: Theme) => alpha(color, theme.palette.mode === 'dark' ? 0.3 : 0.15),
        color: 'text.primary',
        border: `2px dotted ${color}`,
      };
    case 'stopped':
      return { bgcolor: 'transparent', color: 'text.secondary', border: `2px solid ${color}` };
  }
}

/** The tasks an instance (or the Fargate lane) runs, each with its status word. */
export function TaskChips({
  entries,
  onOpenTask,
  highlight,
  showZone = false,
}: {
  entries: readonly MapTask[];
  onOpenTask(taskArn: string): void;
  /** The tasks to pick out (a service's); the others fade. */
  highlight?: ReadonlySet<string> | undefined;
  showZone?: boolean;
}) {
  const highlighted = (task: EcsTask) => highlight?.has(task.taskArn ?? '') ?? false;
  const active = entries.filter((entry) => entry.stage !== 'stopped');
  const stopped = entries.filter((entry) => entry.stage === 'stopped');
  return (
    <>
      {active.length > 0 && (
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
          {active.map(({ task, stage }) => (
            <Tooltip
              key={task.taskArn}
              title={`${task.lastStatus ?? ''} (desired ${task.desiredStatus ?? ''})${showZone ? ` · ${task.availabilityZone ?? ''}` : ''} — open the task`}
            >
              <Chip
                size="small"
                data-testid="task-chip"
                data-status={task.lastStatus}
                data-stage={stage}
                data-highlighted={highlighted(task) ? 'true' : undefined}
                label={<ChipLabel task={task} />}
                onClick={() => onOpenTask(task.taskArn ?? '')}
                sx={{
                  ...stageStyle(stage, familyColor(taskFamily(task))),
                  fontFamily: 'monospace',
                  opacity: highlight && !highlighted(task) ? 0.3 : 1,
                  outline: highlighted(task) ? 2 : 0,
                  outlineColor: 'text.primary',
                  outlineOffset: 1,
                  '&:hover, &:focus-visible': { filter: 'brightness(1.15)' },
                }}
              />
            </Tooltip>
          ))}
        </Stack>
      )}
      {stopped.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, mt: 1, p: 0 }} aria-label="Stopped">
          {stopped.map(({ task, opacity }) => (
            <Box
              component="li"
              key={task.taskArn}
              data-testid="stopped-task"
              sx={{ opacity, display: 'flex', gap: 0.75, alignItems: 'baseline', minWidth: 0 }}
            >
              <Chip
                size="small"
                data-testid="task-chip"
                data-status="STOPPED"
                data-stage="stopped"
                label={<ChipLabel task={task} />}
                onClick={() => onOpenTask(task.taskArn ?? '')}
                sx={{ ...stageStyle('stopped', familyColor(taskFamily(task))), flexShrink: 0 }}
              />
              <Typography
                variant="caption"
                color="text.secondary"
                noWrap
                title={stopReasonOf(task)}
                data-testid="stop-reason"
              >
                {stopReasonOf(task)}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </>
  );
}

function ChipLabel({ task }: { task: EcsTask }) {
  return (
    <Box component="span" sx={{ fontFamily: 'monospace' }}>
      {taskChipLabel(task)}{' '}
      <Box
        component="span"
        data-testid="task-status-word"
        sx={{ fontFamily: 'fontFamily', fontWeight: 600, fontSize: '0.7rem' }}
      >
        {statusWord(task)}
      </Box>
    </Box>
  );
}

/** What the chips' borders and fills mean. */
export function TaskLegend() {
  const sample = '#607d8b';
  return (
    <Stack
      direction="row"
      component="ul"
      aria-label="Task status legend"
      data-testid="task-legend"
      sx={{ listStyle: 'none', m: 0, p: 0, gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}
    >
      {taskStages.map((stage) => (
        <Tooltip key={stage} title={stageMeanings[stage]}>
          <Box
            component="li"
            tabIndex={0}
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
          >
            <Box
              component="span"
              sx={{
                ...stageStyle(stage, sample),
                width: 18,
                height: 12,
                borderRadius: 6,
                opacity: stage === 'stopped' ? 0.6 : 1,
              }}
            />
            <Typography variant="caption" color="text.secondary">
              {stage}
            </Typography>
          </Box>
        </Tooltip>
      ))}
    </Stack>
  );
}
