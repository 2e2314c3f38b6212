import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightness';
import { ToggleButton, ToggleButtonGroup, Tooltip } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';

const modes = [
  { value: 'light', label: 'Light', Icon: LightModeIcon },
  { value: 'dark', label: 'Dark', Icon: DarkModeIcon },
  { value: 'system', label: 'System', Icon: SettingsBrightnessIcon },
] as const;

/** Light, Dark or as the OS says; the choice is remembered across reloads. */
export function ThemeModeSwitch() {
  const { mode, setMode } = useColorScheme();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={mode ?? 'system'}
      aria-label="Theme"
      onChange={(_event, next: (typeof modes)[number]['value'] | null) => next && setMode(next)}
    >
      {modes.map(({ value, label, Icon }) => (
        <Tooltip key={value} title={`${label} theme`}>
          <ToggleButton value={value} aria-label={label} sx={{ py: 0.25 }}>
            <Icon fontSize="small" />
          </ToggleButton>
        </Tooltip>
      ))}
    </ToggleButtonGroup>
  );
}
