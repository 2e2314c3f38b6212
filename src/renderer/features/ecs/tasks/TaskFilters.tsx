import ClearIcon from '@mui/icons-material/Clear';
import SearchIcon from '@mui/icons-material/Search';
import {
  Button,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
} from '@mui/material';
import type { TaskFilter } from '../../../common/routes';
import { isNarrowed, withFilter, type FilterChoices } from './task-filter';

const anyValue = '';

/** The Tasks tab's filter bar: which list, then status, family, launch type, place and text. */
export function TaskFilters({
  filter,
  choices,
  onChange,
}: {
  filter: TaskFilter;
  choices: FilterChoices;
  onChange(next: TaskFilter): void;
}) {
  const set = (key: keyof TaskFilter) => (value: string) =>
    onChange(withFilter(filter, key, value));
  return (
    <Stack
      direction="row"
      sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}
      role="search"
      aria-label="Filter tasks"
    >
      <ToggleButtonGroup
        size="small"
        exclusive
        value={filter.desired === 'STOPPED' ? 'STOPPED' : 'RUNNING'}
        aria-label="Show tasks"
        onChange={(_event, next: string | null) =>
          // A status of the other list would hide every task: it goes with the switch.
          next &&
          onChange(
            withFilter(withFilter(filter, 'status', ''), 'desired', next === 'STOPPED' ? next : ''),
          )
        }
      >
        <ToggleButton value="RUNNING">Meant to run</ToggleButton>
        <ToggleButton value="STOPPED">Stopped</ToggleButton>
      </ToggleButtonGroup>
      <Choice
        label="Status"
        value={filter.status}
        options={choices.statuses}
        onChange={set('status')}
      />
      <Choice
        label="Family"
        value={filter.family}
        options={choices.families}
        onChange={set('family')}
      />
      <Choice
        label="Launch type"
        value={filter.launch}
        options={choices.launchTypes}
        onChange={set('launch')}
      />
      <Choice
        label="Instance / zone"
        value={filter.where}
        options={choices.places}
        onChange={set('where')}
        width={170}
      />
      <TextField
        size="small"
        label="Find"
        placeholder="Id, container, reason…"
        value={filter.q ?? ''}
        onChange={(event) => set('q')(event.target.value)}
        sx={{ width: 220 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      {isNarrowed(filter) && (
        <Button
          size="small"
          startIcon={<ClearIcon />}
          onClick={() => onChange(filter.desired ? { desired: filter.desired } : {})}
        >
          Clear filters
        </Button>
      )}
    </Stack>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
  width = 140,
}: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange(value: string): void;
  width?: number;
}) {
  // A value from the URL that no task has any more stays choosable, so it can be seen and cleared.
  const shown = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? anyValue}
      onChange={(event) => onChange(event.target.value)}
      sx={{ width }}
    >
      <MenuItem value={anyValue}>
        <em>Any</em>
      </MenuItem>
      {shown.map((option) => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  );
}
