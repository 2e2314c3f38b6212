import { Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import { memo, useState } from 'react';
import type { EcsTask } from '../../../../shared';
import { familyColor } from '../family-colors';
import { taskChipLabel, taskFamily } from './instance-view';
import { chipLimit, inRows, shorten, stageCountsText, stoppedLimit } from './map-window';
import {
  stageMeanings,
  statusWord,
  stopReasonOf,
  taskStages,
  type MapTask,
  type TaskStage,
} from './task-lifecycle';
import { WindowedList } from './WindowedList';

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
  const [showAll, setShowAll] = useState(false);
  const active = entries.filter((entry) => entry.stage !== 'stopped');
  const stopped = shorten(
    entries.filter((entry) => entry.stage === 'stopped'),
    stoppedLimit,
  );
  const chip = ({ task, stage }: MapTask) => (
    <TaskChip
      key={task.taskArn}
      task={task}
      stage={stage}
      pick={highlight === undefined ? 'none' : highlight.has(task.taskArn ?? '') ? 'in' : 'out'}
      showZone={showZone}
      onOpenTask={onOpenTask}
    />
  );
  const few = active.length <= chipLimit;
  const shortened = shorten(active, chipLimit);
  return (
    <>
      {active.length > 0 && (few || !showAll) && (
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
          {shortened.shown.map(chip)}
        </Stack>
      )}
      {!few && (
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center', mt: 0.5, flexWrap: 'wrap' }}>
          {!showAll && (
            <Typography variant="caption" color="text.secondary" data-testid="more-tasks">
              {shortened.hiddenCount} more: {stageCountsText(shortened.hidden)}
            </Typography>
          )}
          <Button size="small" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show fewer' : `Show all ${active.length}`}
          </Button>
        </Stack>
      )}
      {!few && showAll && (
        <WindowedList
          items={inRows(active, chipsPerRow)}
          itemKey={(row) => row[0]?.task.taskArn ?? ''}
          estimatedHeight={28}
          maxHeight={320}
          label="All tasks"
          renderItem={(row) => (
            <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', pt: 0.5 }}>
              {row.map(chip)}
            </Stack>
          )}
        />
      )}
      {stopped.shown.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, mt: 1, p: 0 }} aria-label="Stopped">
          {stopped.shown.map(({ task, opacity }) => (
            <Box
              component="li"
              key={task.taskArn}
              data-testid="stopped-task"
              // The fade changes every few seconds: an inline style, not a new class each time.
              style={{ opacity }}
              sx={{ display: 'flex', gap: 0.75, alignItems: 'baseline', minWidth: 0 }}
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
          {stopped.hiddenCount > 0 && (
            <Typography
              component="li"
              variant="caption"
              color="text.secondary"
              data-testid="more-stopped"
            >
              and {stopped.hiddenCount} more stopped lately
            </Typography>
          )}
        </Box>
      )}
    </>
  );
}

/** Chips in a row of the full, windowed list. */
const chipsPerRow = 3;

/**
 * One task's chip. Drawn again only when its record, stage or being picked out changes: a
 * record is replaced whenever its task changes, so identity says it all.
 */
const TaskChip = memo(function TaskChip({
  task,
  stage,
  pick,
  showZone,
  onOpenTask,
}: {
  task: EcsTask;
  stage: TaskStage;
  /** Whether the map picks out some tasks, and this one among them. */
  pick: 'none' | 'in' | 'out';
  showZone: boolean;
  onOpenTask(taskArn: string): void;
}) {
  // A native title rather than a tooltip component: hundreds of chips may come and go at once.
  return (
    <Chip
      size="small"
      title={`${task.lastStatus ?? ''} (desired ${task.desiredStatus ?? ''})${showZone ? ` · ${task.availabilityZone ?? ''}` : ''} — open the task`}
      data-testid="task-chip"
      data-status={task.lastStatus}
      data-stage={stage}
      data-highlighted={pick === 'in' ? 'true' : undefined}
      label={<ChipLabel task={task} />}
      onClick={() => onOpenTask(task.taskArn ?? '')}
      sx={{
        ...stageStyle(stage, familyColor(taskFamily(task))),
        fontFamily: 'monospace',
        opacity: pick === 'out' ? 0.3 : 1,
        outline: pick === 'in' ? 2 : 0,
        outlineColor: 'text.primary',
        outlineOffset: 1,
        '&:hover, &:focus-visible': { filter: 'brightness(1.15)' },
      }}
    />
  );
});

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
