export { ToastProvider } from './ToastProvider';
export { useToast, type ToastInput, type Toaster } from './toast-context';
export { builtToast, pulledToast, pushedToast } from './transfer-toasts';
