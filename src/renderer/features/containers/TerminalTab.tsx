import {
  Alert,
  Box,
  Button,
  CircularProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { StowageError } from '../../../shared';
import { useStowageClient } from '../../api';
import { splitCommandLine } from './run-form';
import { doubleEscape, escapeHint, InputBuffer } from './terminal-escape';
import { useDarkMode } from '../../common/use-dark-mode';

const shells = ['/bin/sh', '/bin/bash', '/bin/ash', '/bin/zsh'];

type SessionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected' }
  | { phase: 'disconnected' }
  | { phase: 'ended'; exitCode: number }
  | { phase: 'failed'; error: StowageError };

/** An interactive shell in the container (`docker exec -it`), in xterm.js, sized to its box. */
export function TerminalTab({ container, running }: { container: string; running: boolean }) {
  const client = useStowageClient();
  // The theme follows the system's colour scheme (CSS variables), and so does the terminal.
  const dark = useDarkMode();
  const [shell, setShell] = useState('/bin/sh');
  const [run, setRun] = useState(0);
  const [state, setState] = useState<SessionState>({ phase: 'idle' });
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const controllerRef = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    const box = boxRef.current;
    const cmd = splitCommandLine(shell);
    if (!box || !running || run === 0 || !cmd || cmd.length === 0) return;
    const terminal = new Terminal({
      fontFamily: 'monospace',
      fontSize: 13,
      cursorBlink: true,
      theme: dark
        ? { background: '#121212', foreground: '#e0e0e0', cursor: '#e0e0e0' }
        : {
            background: '#ffffff',
            foreground: '#1e1e1e',
            cursor: '#1e1e1e',
            selectionBackground: '#b3d4fc',
          },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(box);
    fit.fit();
    terminal.focus();
    const controller = new AbortController();
    controllerRef.current = controller;
    let session: string | undefined;
    // What is typed before the shell is attached is sent once it is.
    const input = new InputBuffer();
    const typing = terminal.onData((data) => input.type(data));
    const leaves = doubleEscape();
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !leaves(event.key, event.timeStamp)) return true;
      buttonRef.current?.focus();
      return false;
    });
    const resizing = terminal.onResize(({ cols, rows }) => {
      if (session)
        void client.call('containers.execResize', { session, cols, rows }).catch(() => undefined);
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(box);
    setState({ phase: 'connecting' });
    client
      .stream(
        'containers.exec',
        { container, cmd, cols: terminal.cols, rows: terminal.rows },
        {
          signal: controller.signal,
          onItem: (item) => {
            if (item.kind === 'session') {
              const attached = item.session;
              session = attached;
              setState({ phase: 'connected' });
              input.attach((data) => {
                void client
                  .call('containers.execInput', { session: attached, data })
                  .catch(() => undefined);
              });
            } else terminal.write(item.data);
          },
        },
      )
      .then(
        (result) => setState({ phase: 'ended', exitCode: result.exitCode }),
        (caught: unknown) => {
          if (caught instanceof StowageError && caught.code === 'CANCELLED') return;
          setState({
            phase: 'failed',
            error:
              caught instanceof StowageError
                ? caught
                : new StowageError('INTERNAL', String(caught)),
          });
        },
      );
    return () => {
      controller.abort();
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      terminal.dispose();
    };
  }, [client, container, running, run, shell, dark]);

  const live = state.phase === 'connecting' || state.phase === 'connected';
  if (!running) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        The container is not running: start it to open a terminal in it.
      </Typography>
    );
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', px: 2, py: 1 }}>
        <TextField
          select
          size="small"
          label="Shell"
          value={shells.includes(shell) ? shell : 'custom'}
          onChange={(event) => setShell(event.target.value === 'custom' ? '' : event.target.value)}
          sx={{ width: 140 }}
        >
          {shells.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
          <MenuItem value="custom">Other…</MenuItem>
        </TextField>
        {!shells.includes(shell) && (
          <TextField
            size="small"
            label="Command"
            value={shell}
            onChange={(event) => setShell(event.target.value)}
            sx={{ width: 240 }}
          />
        )}
        {live ? (
          <Button
            ref={buttonRef}
            variant="outlined"
            size="small"
            onClick={() => {
              controllerRef.current?.abort();
              setState({ phase: 'disconnected' });
            }}
            data-testid="terminal-disconnect"
          >
            Disconnect
          </Button>
        ) : (
          <Button
            ref={buttonRef}
            variant="contained"
            size="small"
            onClick={() => setRun((count) => count + 1)}
            disabled={!splitCommandLine(shell)?.length}
          >
            {run === 0 ? 'Connect' : 'Reconnect'}
          </Button>
        )}
        {state.phase === 'connecting' && (
          <Stack
            direction="row"
            role="status"
            data-testid="terminal-connecting"
            sx={{ gap: 1, alignItems: 'center' }}
          >
            <CircularProgress size={16} aria-hidden />
            <Typography variant="body2" color="text.secondary">
              Connecting…
            </Typography>
          </Stack>
        )}
        {state.phase === 'connected' && (
          <Typography variant="body2" color="text.secondary" data-testid="terminal-escape-hint">
            {escapeHint}
          </Typography>
        )}
        {state.phase === 'disconnected' && (
          <Typography variant="body2" color="text.secondary">
            Disconnected.
          </Typography>
        )}
        {state.phase === 'ended' && (
          <Typography variant="body2" color="text.secondary" data-testid="terminal-ended">
            The shell exited with code {state.exitCode}.
          </Typography>
        )}
      </Stack>
      {state.phase === 'failed' && (
        <Alert
          severity={state.error.code === 'NOT_FOUND' ? 'warning' : 'error'}
          sx={{ mx: 2, mb: 1 }}
          data-testid="terminal-error"
        >
          {state.error.message}
        </Alert>
      )}
      {run === 0 && (
        <Typography color="text.secondary" sx={{ px: 2 }}>
          Choose a shell and Connect to open a terminal in the container.
        </Typography>
      )}
      <Box
        ref={boxRef}
        data-testid="terminal"
        sx={{ flex: 1, minHeight: 0, mx: 2, mb: 1, display: run === 0 ? 'none' : 'block' }}
      />
    </Box>
  );
}
