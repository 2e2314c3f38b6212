import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, TextField, type TextFieldProps } from '@mui/material';

/** The app's search box: a labelled search input with the magnifier in front. */
export function SearchField({
  label,
  value,
  onChange,
  ...rest
}: {
  label: string;
  value: string;
  onChange(value: string): void;
} & Pick<TextFieldProps, 'sx' | 'onKeyDown'>) {
  return (
    <TextField
      label={label}
      type="search"
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...rest}
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
  );
}
