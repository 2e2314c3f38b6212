import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError, type RegistrySummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { SignInDialog } from './RegistryDialogs';

const registry: RegistrySummary = {
  registry: 'localhost:5000',
  signedIn: false,
  credentialStore: 'config.json',
  fromDocker: false,
  addedInStowage: true,
};

describe('SignInDialog', () => {
  it('asks for what is missing at its field and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <SignInDialog registry={registry} onClose={() => undefined} onSignedIn={() => undefined} />,
    );
    await user.type(screen.getByLabelText('User name'), 'alice{Enter}');
    expect(screen.getByText('A password or access token is needed.')).toBeTruthy();
    expect(screen.queryByText('A user name is needed.')).toBeNull();
    expect(call).not.toHaveBeenCalled();
  });

  it('signs in on Enter, or shows why the registry refused', async () => {
    const user = userEvent.setup();
    const onSignedIn = vi.fn();
    let refuse = true;
    const { call } = renderWithStowage(
      <SignInDialog registry={registry} onClose={() => undefined} onSignedIn={onSignedIn} />,
      {
        'registries.signIn': () => {
          if (refuse) throw new StowageError('UNAUTHORIZED', 'The registry refused the login.');
          return { ...registry, signedIn: true, username: 'alice' };
        },
      },
    );
    await user.type(screen.getByLabelText('User name'), 'alice');
    await user.type(screen.getByLabelText('Password or token'), 'secret{Enter}');
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain(
      'The registry refused the login.',
    );
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(call).toHaveBeenLastCalledWith('registries.signIn', {
      registry: 'localhost:5000',
      username: 'alice',
      password: 'secret',
    });
  });
});
