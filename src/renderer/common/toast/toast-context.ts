import { createContext, useContext } from 'react';
import type { Route } from '../routes';

/** A success to tell the user about, with an optional way to the thing it made. */
export interface ToastInput {
  message: string;
  /** A button in the toast that goes to a place in the app ("open"). */
  link?: { label: string; route: Route };
  severity?: 'success' | 'info';
}

export interface Toaster {
  show(toast: ToastInput): void;
}

const silent: Toaster = { show: () => undefined };

export const ToastContext = createContext<Toaster>(silent);

/**
 * Tells the user that something they asked for is done. Without a `ToastProvider` above
 * (a component rendered on its own) the toasts go nowhere.
 */
export function useToast(): Toaster {
  return useContext(ToastContext);
}
