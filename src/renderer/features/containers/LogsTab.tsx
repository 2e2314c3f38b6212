import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { StowageError, type LogLine } from '../../../shared';
import { useStowageClient } from '../../api';
import { SearchField } from '../../common/SearchField';
import { appendLines, emptyLogBuffer, highlight, logFileText, type LogBuffer } from './log-buffer';
import { plural } from '../../common/format';

const bufferSizes = [1_000, 10_000, 50_000, 200_000];
const lineHeight = 20;

interface LogView extends LogBuffer {
  /** Which stream (container, timestamps, limit) the lines belong to. */
  run: string;
  error: StowageError | undefined;
  ended: boolean;
}

/** Follows a container's log into a bounded buffer, one render per animation frame. */
function useLogLines(container: string, timestamps: boolean, limit: number) {
  const client = useStowageClient();
  const run = `${container} ${timestamps} ${limit}`;
  const [view, setView] = useState<LogView | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    let frame: number | undefined;
    let arrived: LogLine[] = [];
    const update = (change: (current: LogView) => Partial<LogView>) =>
      setView((previous) => {
        const current: LogView =
          previous?.run === run
            ? previous
            : { run, ...emptyLogBuffer(), error: undefined, ended: false };
        return { ...current, ...change(current) };
      });
    const flush = () => {
      frame = undefined;
      const batch = arrived;
      arrived = [];
      update((current) => {
        const next = { lines: [...current.lines], dropped: current.dropped };
        appendLines(next, batch, limit);
        return next;
      });
    };
    client
      .stream(
        'containers.logs',
        { container, follow: true, timestamps, tail: limit },
        {
          signal: controller.signal,
          onItem: (item) => {
            for (const line of item.lines) arrived.push(line);
            frame ??= requestAnimationFrame(flush);
          },
        },
      )
      .then(
        () => update(() => ({ ended: true })),
        (caught: unknown) => {
          if (caught instanceof StowageError && caught.code === 'CANCELLED') return;
          const error =
            caught instanceof StowageError ? caught : new StowageError('INTERNAL', String(caught));
          update(() => ({ error }));
        },
      );
    return () => {
      controller.abort();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [client, container, timestamps, limit, run]);

  return view?.run === run ? view : { run, ...emptyLogBuffer(), error: undefined, ended: false };
}

export function LogsTab({ container, tty }: { container: string; tty: boolean }) {
  const [timestamps, setTimestamps] = useState(false);
  const [limit, setLimit] = useState(10_000);
  const [autoScroll, setAutoScroll] = useState(true);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const view = useLogLines(container, timestamps, limit);
  const { error, ended } = view;
  const scrollRef = useRef<HTMLDivElement>(null);
  const lines = view.lines;
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => lineHeight,
    overscan: 20,
  });

  useEffect(() => {
    if (autoScroll && lines.length > 0)
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, autoScroll, virtualizer]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([logFileText(lines)], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${container.slice(0, 12)}.log`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const matches = deferredSearch
    ? lines.reduce(
        (count, line) =>
          count + (line.text.toLowerCase().includes(deferredSearch.toLowerCase()) ? 1 : 0),
        0,
      )
    : 0;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', px: 2, py: 1, flexWrap: 'wrap' }}>
        <SearchField
          label="Search the log"
          value={search}
          onChange={setSearch}
          sx={{ width: 240 }}
        />
        {deferredSearch && (
          <Typography variant="body2" color="text.secondary" data-testid="log-matches">
            {plural(matches, 'matching line')}
          </Typography>
        )}
        <FormControlLabel
          control={
            <Switch checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          }
          label="Timestamps"
        />
        <FormControlLabel
          control={
            <Switch checked={autoScroll} onChange={(e) => setAutoScroll(e.target.checked)} />
          }
          label="Follow"
        />
        <TextField
          select
          size="small"
          label="Keep lines"
          value={limit}
          onChange={(event) => setLimit(Number(event.target.value))}
          sx={{ width: 130 }}
        >
          {bufferSizes.map((size) => (
            <MenuItem key={size} value={size}>
              {size.toLocaleString()}
            </MenuItem>
          ))}
        </TextField>
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          onClick={download}
          disabled={lines.length === 0}
        >
          Download
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mx: 2 }} data-testid="logs-error">
          {error.message}
        </Alert>
      )}
      <Box
        ref={scrollRef}
        role="log"
        aria-label="Container log"
        data-testid="container-logs"
        tabIndex={0}
        onWheel={(event) => event.deltaY < 0 && setAutoScroll(false)}
        sx={{
          flex: 1,
          minHeight: 0,
          overflow: 'auto',
          fontFamily: 'monospace',
          fontSize: 13,
          bgcolor: 'background.default',
          borderTop: 1,
          borderColor: 'divider',
        }}
      >
        {lines.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2, fontFamily: 'inherit' }}>
            {ended
              ? 'The log is empty.'
              : 'No output yet; new lines appear here as they are written.'}
            {tty ? ' (This container has a terminal: its stdout and stderr are one stream.)' : ''}
          </Typography>
        )}
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index];
            if (!line) return null;
            const stderr = line.stream === 'stderr';
            return (
              <Box
                key={item.index + view.dropped}
                data-testid="log-line"
                data-stream={line.stream}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: lineHeight,
                  transform: `translateY(${item.start}px)`,
                  px: 2,
                  whiteSpace: 'pre',
                  color: stderr ? 'error.main' : 'text.primary',
                  borderLeft: 3,
                  borderColor: stderr ? 'error.main' : 'transparent',
                }}
              >
                {line.timestamp && (
                  <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
                    {line.timestamp}
                  </Box>
                )}
                {highlight(line.text, deferredSearch).map((piece, index) =>
                  piece.match ? (
                    <Box
                      component="mark"
                      key={index}
                      sx={{ bgcolor: 'warning.light', color: 'black' }}
                    >
                      {piece.text}
                    </Box>
                  ) : (
                    piece.text
                  ),
                )}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
