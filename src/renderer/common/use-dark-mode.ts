import { useMediaQuery } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';

/**
 * Whether the app is dark now: the user's Light / Dark choice, or the OS under System. For
 * what CSS variables cannot colour (a canvas, a terminal).
 */
export function useDarkMode(): boolean {
  const { mode } = useColorScheme();
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  return mode === 'dark' || ((mode ?? 'system') === 'system' && systemDark);
}
