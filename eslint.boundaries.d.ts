import type { Linter } from 'eslint';

/** The dependency-boundary rules for a project rooted at `root` (see eslint.boundaries.js). */
export function boundaryConfigs(root: string): Linter.Config[];
