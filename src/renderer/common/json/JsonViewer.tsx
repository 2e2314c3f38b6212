import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import UnfoldLessIcon from '@mui/icons-material/UnfoldLess';
import UnfoldMoreIcon from '@mui/icons-material/UnfoldMore';
import { Box, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SearchField } from '../SearchField';
import { containerPaths, flattenJson, searchJson, type JsonKind, type JsonLine } from './json-tree';
import { plural } from '../format';

const lineHeight = 24;

const kindColours: Record<JsonKind, string> = {
  string: 'success.main',
  number: 'info.main',
  boolean: 'warning.main',
  null: 'text.disabled',
  object: 'text.secondary',
  array: 'text.secondary',
};

/**
 * Raw JSON (an inspect answer, a task definition) as a collapsible tree: search highlights
 * keys and values and opens the way to them, Enter jumps to the next match; copy puts the
 * whole document on the clipboard. Only the lines in view are rendered.
 */
export function JsonViewer({ value, label }: { value: unknown; label: string }) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(['']));
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search);
  const [current, setCurrent] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const found = useMemo(() => searchJson(value, query), [value, query]);
  const open = useMemo(() => new Set([...expanded, ...found.reveal]), [expanded, found]);
  const lines = useMemo(() => flattenJson(value, open), [value, open]);
  const matches = useMemo(() => new Set(found.matches), [found]);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => lineHeight,
    overscan: 20,
  });

  const toggle = (path: string) =>
    setExpanded((previous) => {
      const next = new Set([...previous, ...found.reveal]);
      if (open.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const jumpToNextMatch = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || found.matches.length === 0) return;
    const next = (current + 1) % found.matches.length;
    setCurrent(next);
    const index = lines.findIndex((line) => line.path === found.matches[next]);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  };

  return (
    <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, p: 1 }}>
        <SearchField
          label={`Search ${label}`}
          value={search}
          onChange={(text) => {
            setSearch(text);
            setCurrent(0);
          }}
          onKeyDown={jumpToNextMatch}
          sx={{ flex: 1 }}
        />
        {query.trim() !== '' && (
          <Typography variant="caption" color="text.secondary" aria-live="polite">
            {plural(found.matches.length, 'match', 'matches')}
          </Typography>
        )}
        <Tooltip title="Expand all">
          <IconButton aria-label="Expand all" onClick={() => setExpanded(containerPaths(value))}>
            <UnfoldMoreIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title="Collapse all">
          <IconButton aria-label="Collapse all" onClick={() => setExpanded(new Set(['']))}>
            <UnfoldLessIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title="Copy JSON">
          <IconButton
            aria-label="Copy JSON"
            onClick={() => void navigator.clipboard?.writeText(JSON.stringify(value, null, 2))}
          >
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box
        ref={scrollRef}
        role="tree"
        aria-label={label}
        sx={{ overflow: 'auto', fontFamily: 'monospace', fontSize: 13, flex: 1, minHeight: 120 }}
      >
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index] as JsonLine;
            return (
              <JsonRow
                key={line.path}
                line={line}
                top={item.start}
                open={open.has(line.path)}
                match={matches.has(line.path)}
                onToggle={() => toggle(line.path)}
              />
            );
          })}
        </Box>
      </Box>
    </Paper>
  );
}

function JsonRow({
  line,
  top,
  open,
  match,
  onToggle,
}: {
  line: JsonLine;
  top: number;
  open: boolean;
  match: boolean;
  onToggle(): void;
}) {
  return (
    <Box
      role="treeitem"
      aria-expanded={line.expandable ? open : undefined}
      aria-level={line.depth + 1}
      data-match={match || undefined}
      sx={{
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        height: lineHeight,
        display: 'flex',
        alignItems: 'center',
        pl: 1 + line.depth * 2,
        whiteSpace: 'nowrap',
        bgcolor: match ? 'action.selected' : undefined,
      }}
    >
      <Box
        component={line.expandable ? 'button' : 'span'}
        onClick={line.expandable ? onToggle : undefined}
        aria-label={line.expandable ? (open ? 'Collapse' : 'Expand') : undefined}
        sx={{
          width: 20,
          border: 0,
          p: 0,
          bgcolor: 'transparent',
          color: 'text.secondary',
          cursor: line.expandable ? 'pointer' : 'default',
          font: 'inherit',
        }}
      >
        {line.expandable ? (open ? '▾' : '▸') : ''}
      </Box>
      {line.key !== undefined && (
        <Box component="span" sx={{ color: 'primary.main', mr: 1 }}>
          {line.key}:
        </Box>
      )}
      <Box
        component="span"
        sx={{ color: kindColours[line.kind], overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {line.text}
      </Box>
    </Box>
  );
}
