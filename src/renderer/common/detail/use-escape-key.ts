import { useEffect, useEffectEvent } from 'react';

// Esc there belongs to what has the focus: a field, a terminal, a dialog or a menu.
const ownsEscape =
  'input, textarea, select, [contenteditable="true"], .xterm, .MuiModal-root, [role="dialog"]';

/**
 * Calls `onEscape` when Esc is pressed anywhere on the page, unless a field, a terminal, a
 * dialog or a menu has the focus (they use Esc themselves) or something handled it already.
 */
export function useEscapeKey(onEscape: () => void): void {
  const escape = useEffectEvent(onEscape);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // A full-window panel is a dialog of its own: Esc there is for it.
      const owner = target?.closest(ownsEscape);
      if (owner && !owner.hasAttribute('data-full-window')) return;
      if (document.querySelector('.MuiModal-root')) return;
      event.preventDefault();
      escape();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
