import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightness';
import { ToggleButton, ToggleButtonGroup, Tooltip } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';
import { useRef, type KeyboardEvent } from 'react';

const modes = [
  { value: 'light', label: 'Light', Icon: LightModeIcon },
  { value: 'dark', label: 'Dark', Icon: DarkModeIcon },
  { value: 'system', label: 'System', Icon: SettingsBrightnessIcon },
] as const;

type Mode = (typeof modes)[number]['value'];

const arrowSteps: Record<string, number> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
};

/**
 * Light, Dark or as the OS says; the choice is remembered across reloads. One Tab stop, as a
 * radio group: the arrow keys move the choice.
 */
export function ThemeModeSwitch() {
  const { mode, setMode } = useColorScheme();
  const current: Mode = mode ?? 'system';
  const buttons = useRef(new Map<Mode, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const step = arrowSteps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const index = modes.findIndex(({ value }) => value === current);
    const next = modes[(index + step + modes.length) % modes.length]?.value ?? current;
    setMode(next);
    buttons.current.get(next)?.focus();
  };

  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={current}
      aria-label="Theme"
      onKeyDown={onKeyDown}
      onChange={(_event, next: Mode | null) => next && setMode(next)}
    >
      {modes.map(({ value, label, Icon }) => (
        <Tooltip key={value} title={`${label} theme`}>
          <ToggleButton
            value={value}
            aria-label={label}
            tabIndex={value === current ? 0 : -1}
            ref={(element: HTMLButtonElement | null) => {
              if (element) buttons.current.set(value, element);
              else buttons.current.delete(value);
            }}
            sx={{ py: 0.25 }}
          >
            <Icon fontSize="small" />
          </ToggleButton>
        </Tooltip>
      ))}
    </ToggleButtonGroup>
  );
}
