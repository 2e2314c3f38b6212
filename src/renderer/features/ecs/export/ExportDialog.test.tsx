import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { ExportDialog } from './ExportDialog';

const files = [
  { name: 'taskdef-web-2.json', text: '{\n  "family": "web"\n}\n' },
  { name: 'service-front.json', text: '{\n  "serviceName": "front"\n}\n' },
  { name: 'deploy.sh', text: '#!/bin/sh\n' },
  { name: 'cloudformation.json', text: '{ "Resources": {} }\n' },
];

describe('ExportDialog', () => {
  it('lists the files, shows the one chosen, and copies and downloads it', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const createObjectURL = vi.fn(() => 'blob:export');
    // jsdom has no object URLs: the download's are made here (each test file has its own DOM).
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { call } = renderWithStowage(
      <ExportDialog cluster="demo" open onClose={() => undefined} />,
      { 'ecs.export': () => ({ files }) },
    );
    expect(await screen.findByTestId('export-file-text')).toHaveProperty(
      'textContent',
      files[0]!.text,
    );
    expect(call.mock.calls[0]?.slice(0, 2)).toEqual(['ecs.export', { cluster: 'demo' }]);
    await user.click(screen.getByRole('button', { name: /service-front\.json/ }));
    expect(screen.getByTestId('export-file-text').textContent).toBe(files[1]!.text);
    await user.click(screen.getByRole('button', { name: 'Copy service-front.json' }));
    expect(writeText).toHaveBeenCalledWith(files[1]!.text);
    await user.click(screen.getByRole('button', { name: 'Download service-front.json' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('imports the files picked and says what was created and what failed', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <ExportDialog cluster="copy" open onClose={() => undefined} />,
      {
        'ecs.export': () => ({ files: files.slice(2) }),
        'ecs.import': () => ({
          taskDefinitions: ['arn:aws:ecs:us-east-1:000000000000:task-definition/web:3'],
          services: [],
          failures: [
            { file: 'service-front.json', reason: 'Creation of service was not idempotent.' },
          ],
        }),
      },
    );
    expect(await screen.findByTestId('export-empty')).toBeTruthy();
    await user.upload(screen.getByLabelText('Files to import'), [
      new File([files[0]!.text], files[0]!.name, { type: 'application/json' }),
      new File([files[1]!.text], files[1]!.name, { type: 'application/json' }),
    ]);
    const outcome = await screen.findByTestId('import-outcome');
    expect(outcome.textContent).toContain('Registered 1 task definition and created 0 services.');
    expect(outcome.textContent).toContain(
      'service-front.json: Creation of service was not idempotent.',
    );
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('ecs.import', {
        cluster: 'copy',
        files: files.slice(0, 2),
      }),
    );
  });
});
