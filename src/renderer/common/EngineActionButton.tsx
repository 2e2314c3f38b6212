import { Button, Tooltip, type ButtonProps } from '@mui/material';
import { useStowageQuery } from '../api';

/**
 * Why an action that needs the Docker engine cannot start now, or undefined when it can.
 * The engine status is kept live by events, so this turns back by itself on reconnection.
 */
export function useEngineUnavailable(): string | undefined {
  const { data: status } = useStowageQuery('engine.status', {});
  if (status?.state !== 'unreachable') return undefined;
  const cause = status.message ? ` ${status.message}` : '';
  return `The Docker engine is unreachable.${cause} This works again once it answers.`;
}

/** A button for an action the engine does: disabled, saying why, while the engine is away. */
export function EngineActionButton({ disabled, ...props }: ButtonProps) {
  const unavailable = useEngineUnavailable();
  const button = <Button {...props} disabled={disabled === true || unavailable !== undefined} />;
  if (!unavailable) return button;
  // A disabled button fires no pointer events; the span carries the tooltip for it.
  return (
    <Tooltip title={unavailable}>
      <span tabIndex={0}>{button}</span>
    </Tooltip>
  );
}
