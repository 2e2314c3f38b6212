/** The sharing diagram's colours: calm, distinct without colour alone (legend, labels). */
export interface SharingPalette {
  shared: { fill: string; alternate: string; stroke: string; text: string };
  unique: { fill: string; alternate: string; stroke: string; text: string };
  container: { fill: string; stroke: string };
  highlight: string;
  axis: string;
  label: string;
  muted: string;
  /** The page behind the diagram: a halo that keeps a label legible over stripes. */
  halo: string;
}

export const lightPalette: SharingPalette = {
  shared: { fill: '#7fb3d5', alternate: '#9cc5e0', stroke: '#3d7ba8', text: '#0f2b40' },
  unique: { fill: '#d5dde6', alternate: '#e3e9ef', stroke: '#8896a6', text: '#26323f' },
  container: { fill: '#efc27a', stroke: '#b07d28' },
  highlight: '#1d4f91',
  axis: '#9aa6b2',
  label: '#1f2933',
  muted: '#5f6b78',
  halo: '#ffffff',
};

export const darkPalette: SharingPalette = {
  shared: { fill: '#2f6b93', alternate: '#3a7aa3', stroke: '#8fc4e8', text: '#eaf4fb' },
  unique: { fill: '#3a4552', alternate: '#434f5d', stroke: '#8d9cad', text: '#e4e9ee' },
  container: { fill: '#b8873c', stroke: '#f1cc8c' },
  highlight: '#bfe0ff',
  axis: '#5d6976',
  label: '#e6ebf0',
  muted: '#a3afbc',
  halo: '#121212',
};
