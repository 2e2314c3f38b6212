import {
  blue,
  brown,
  cyan,
  deepPurple,
  green,
  indigo,
  orange,
  pink,
  red,
  teal,
} from '@mui/material/colors';

/**
 * Task chips are coloured by task-definition family. Shades dark enough for white text, and
 * saturated enough to stand out on both the light and the dark paper.
 */
export const familyPalette = [
  blue[700],
  teal[700],
  deepPurple[400],
  orange[800],
  pink[600],
  green[700],
  indigo[400],
  brown[400],
  cyan[800],
  red[700],
] as const;

/** The same family gets the same colour in every view and every session. */
export function familyColor(family: string): string {
  let hash = 0;
  for (const char of family) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return familyPalette[hash % familyPalette.length] as string;
}
