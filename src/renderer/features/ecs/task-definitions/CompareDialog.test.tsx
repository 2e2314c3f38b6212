import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { CompareDialog } from './DefinitionJsonDialogs';

const exports: Record<string, object> = {
  'web:1': {
    family: 'web',
    cpu: '256',
    containerDefinitions: [{ name: 'web', image: 'nginx:1', memory: 64 }],
  },
  // The same keys in another order, and one change.
  'web:2': {
    containerDefinitions: [{ memory: 64, image: 'nginx:2', name: 'web' }],
    cpu: '256',
    family: 'web',
  },
};

describe('CompareDialog', () => {
  it('lists only the values that differ, by path', async () => {
    renderWithStowage(<CompareDialog left="web:1" right="web:2" onClose={() => undefined} />, {
      'ecs.taskDefinitions.export': ({ taskDefinition }) => ({
        json: JSON.stringify(exports[taskDefinition], null, 2),
      }),
    });
    expect((await screen.findByTestId('diff-count')).textContent).toContain('1 difference,');
    const row = screen
      .getAllByRole('row')
      .find((candidate) => candidate.getAttribute('data-path') !== null);
    expect(row?.getAttribute('data-path')).toBe('containerDefinitions[web].image');
    expect(row?.getAttribute('data-kind')).toBe('changed');
    expect(screen.getByText('"nginx:1"')).toBeTruthy();
    expect(screen.getByText('"nginx:2"')).toBeTruthy();
  });
});
