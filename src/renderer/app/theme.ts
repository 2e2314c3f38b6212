import { createTheme } from '@mui/material/styles';

const focusRing = {
  outline: '2px solid',
  outlineColor: 'var(--mui-palette-primary-main)',
  outlineOffset: 2,
} as const;

/**
 * Light, dark, or as the OS says (the default): the user's choice is a class on the root
 * element, which MUI keeps in localStorage under `themeModeStorageKey`.
 */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: { light: true, dark: true },
  shape: { borderRadius: 8 },
  typography: { button: { textTransform: 'none' } },
  components: {
    MuiButtonBase: {
      styleOverrides: { root: { '&.Mui-focusVisible': focusRing } },
    },
    MuiLink: {
      styleOverrides: { root: { '&:focus-visible': focusRing } },
    },
  },
});

export const themeModeStorageKey = 'stowage-theme-mode';
