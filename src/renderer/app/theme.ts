import { createTheme } from '@mui/material/styles';

const focusRing = {
  outline: '2px solid',
  outlineColor: 'var(--mui-palette-primary-main)',
  outlineOffset: 2,
} as const;

/** Light or dark as the OS says, switched by CSS media query rather than by script. */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'media' },
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
