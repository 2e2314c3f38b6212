import { expect, type Locator, type Page } from '@playwright/test';

export type EngineState = 'connecting' | 'connected' | 'unreachable';
export type Destination = 'Engine' | 'Images' | 'Containers' | 'ECS' | 'Events';

/** The computed styles that can show where the keyboard focus is. */
export interface FocusStyle {
  'outline-style': string;
  'outline-width': string;
  'box-shadow': string;
}

// The e2e code is compiled without the DOM library: just what the page functions below touch.
interface StyledElement {
  ownerDocument: {
    defaultView: {
      getComputedStyle(element: StyledElement): { getPropertyValue(name: string): string };
    } | null;
    elementFromPoint(x: number, y: number): StyledElement | null;
  };
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  contains(other: StyledElement | null): boolean;
}

/** Whether a computed style draws a focus indicator: a real outline or a box shadow. */
export function showsFocus(style: FocusStyle): boolean {
  const outline = style['outline-style'] !== 'none' && parseFloat(style['outline-width']) > 0;
  return outline || style['box-shadow'] !== 'none';
}

type Rgba = [red: number, green: number, blue: number, alpha: number];

/** A computed `rgb()`/`rgba()` colour, channels 0..255 and alpha 0..1. */
function parseColour(cssColor: string): Rgba {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(
    cssColor,
  );
  if (!match) throw new Error(`not an rgb() colour: ${cssColor}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)];
}

function luminanceOf([red, green, blue]: Rgba): number {
  const [r, g, b] = [red, green, blue].map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG relative luminance (0 black .. 1 white) of an opaque computed colour. */
export function relativeLuminance(cssColor: string): number {
  const colour = parseColour(cssColor);
  if (colour[3] < 1) {
    throw new Error(`a see-through colour has no luminance of its own: ${cssColor}`);
  }
  return luminanceOf(colour);
}

/** WCAG contrast ratio (1 .. 21) of text, see-through or not, on an opaque background. */
export function contrastRatio(text: string, background: string): number {
  const [tr, tg, tb, alpha] = parseColour(text);
  const [br, bg, bb] = parseColour(background);
  const backgroundLuminance = relativeLuminance(background);
  const blend = (over: number, under: number) => over * alpha + under * (1 - alpha);
  const textLuminance = luminanceOf([blend(tr, br), blend(tg, bg), blend(tb, bb), 1]);
  const [lighter, darker] = [textLuminance, backgroundLuminance].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/** What every page shares: the navigation and the engine status chip. */
export class AppShell {
  readonly engineStatus: Locator;
  readonly skipLink: Locator;
  readonly nav: Locator;
  readonly main: Locator;
  readonly body: Locator;

  constructor(readonly page: Page) {
    this.engineStatus = page.getByTestId('engine-status');
    this.skipLink = page.getByRole('button', { name: 'Skip to content', exact: true });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.main = page.getByRole('main');
    this.body = page.locator('body');
  }

  async open(appUrl: string): Promise<void> {
    await this.page.goto(appUrl);
    await expect(this.engineStatus).toBeVisible();
  }

  navLink(destination: Destination): Locator {
    return this.nav.getByRole('link', { name: destination, exact: true });
  }

  heading(destination: Destination): Locator {
    return this.page.getByRole('heading', { level: 1, name: destination, exact: true });
  }

  /** The page is showing `destination`, and the navigation and the URL say so. */
  async expectOn(destination: Destination): Promise<void> {
    await expect(this.heading(destination)).toBeVisible();
    await expect(this.navLink(destination)).toHaveAttribute('aria-current', 'page');
    await expect(this.nav.locator('[aria-current]')).toHaveCount(1);
    // A page may open on one of its sub-routes (`#/ecs/clusters`).
    await expect(this.page).toHaveURL(new RegExp(`#/${destination.toLowerCase()}(/[^/]+)?$`));
  }

  /**
   * Presses Tab until `target` has the focus, as a keyboard user would; fails after
   * `maxPresses`. Returns how many presses it took.
   */
  async tabTo(
    target: Locator,
    maxPresses: number,
    key: 'Tab' | 'Shift+Tab' = 'Tab',
  ): Promise<number> {
    for (let presses = 1; presses <= maxPresses; presses++) {
      await this.page.keyboard.press(key);
      if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) {
        return presses;
      }
    }
    throw new Error(`${target} did not get the focus within ${maxPresses} presses of Tab`);
  }

  /** Computed CSS properties of `target`, by their CSS names (`outline-style`, ...). */
  async computedStyle<Name extends string>(
    target: Locator,
    names: readonly Name[],
  ): Promise<Record<Name, string>> {
    return target.evaluate(
      (element: StyledElement, properties) => {
        const style = element.ownerDocument.defaultView?.getComputedStyle(element);
        if (!style) throw new Error('the element is not in a window');
        return Object.fromEntries(
          properties.map((name) => [name, style.getPropertyValue(name)]),
        ) as Record<Name, string>;
      },
      [...names],
    );
  }

  async focusStyle(target: Locator): Promise<FocusStyle> {
    return this.computedStyle(target, ['outline-style', 'outline-width', 'box-shadow'] as const);
  }

  /** `target` has the focus and draws a focus indicator (outline or box shadow). */
  async expectVisibleFocus(target: Locator): Promise<void> {
    await expect(target).toBeFocused();
    await expect(target).toBeInViewport();
    const style = await this.focusStyle(target);
    expect(showsFocus(style), `focus indicator of ${target}: ${JSON.stringify(style)}`).toBe(true);
  }

  /** Nothing covers `target`: a click at its centre would land on it. */
  async expectUncovered(target: Locator): Promise<void> {
    const onTop = await target.evaluate((element: StyledElement) => {
      const box = element.getBoundingClientRect();
      const hit = element.ownerDocument.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2,
      );
      return element.contains(hit);
    });
    expect(onTop, `${target} is covered by another element`).toBe(true);
  }

  /** The computed `background-color`, `color` and `color-scheme` of the page's body. */
  async pageColours(): Promise<{ background: string; text: string; colorScheme: string }> {
    const style = await this.computedStyle(this.body, [
      'background-color',
      'color',
      'color-scheme',
    ] as const);
    return {
      background: style['background-color'],
      text: style.color,
      colorScheme: style['color-scheme'],
    };
  }

  async goTo(destination: Destination): Promise<void> {
    await this.navLink(destination).click();
    await expect(this.heading(destination)).toBeVisible();
  }

  async expectEngineState(state: EngineState, timeout?: number): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute('data-state', state, { timeout });
  }

  /**
   * Marks the current document so a test can prove later that the page was never reloaded
   * (a reload would give it a fresh global object without the mark).
   */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as Record<string, unknown>).__stowageE2eMark = true;
    });
  }

  async expectSameDocument(): Promise<void> {
    const marked = await this.page.evaluate(
      () => (globalThis as unknown as Record<string, unknown>).__stowageE2eMark === true,
    );
    expect(marked, 'the page was reloaded').toBe(true);
  }
}
