import type { BuildResult } from '../../../shared';
import type { ToastInput } from './toast-context';

/** The short id the app shows for an image: 12 hex digits after "sha256:". */
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export function pulledToast(result: { reference: string }): ToastInput {
  return {
    message: `Pulled ${result.reference}`,
    link: { label: 'Run', route: { page: 'containers', run: result.reference } },
  };
}

export function builtToast(result: BuildResult): ToastInput {
  const [first] = result.tags;
  const name = first ?? shortId(result.id);
  return {
    message: `Built ${name}`,
    link: { label: 'Run', route: { page: 'containers', run: first ?? result.id } },
  };
}

export function pushedToast(result: { reference: string }): ToastInput {
  return { message: `Pushed ${result.reference}` };
}
