import { expect, type Locator, type Page } from '@playwright/test';
import { ScoreCardPage } from './scoring-pages';

/** The score page of a round or practice: the clip in the player beside the score card. */
export class ScorePageWithPlayer {
  readonly card: ScoreCardPage;

  constructor(private readonly page: Page) {
    this.card = new ScoreCardPage(page);
  }

  player(): Locator {
    return this.page.getByRole('region', { name: 'Videospeler' });
  }

  video(): Locator {
    return this.player().locator('video');
  }

  async waitUntilPlayable(timeoutMs = 60_000): Promise<void> {
    await expect(this.player()).toHaveAttribute('data-player-ready', 'true', { timeout: timeoutMs });
  }

  /** The position of the video element itself, in seconds: what the rater sees, not what the UI says. */
  async currentTime(): Promise<number> {
    return this.video().evaluate((video: HTMLVideoElement) => video.currentTime);
  }

  async paused(): Promise<boolean> {
    return this.video().evaluate((video: HTMLVideoElement) => video.paused);
  }

  toolbarButton(name: string): Locator {
    return this.player().getByRole('toolbar', { name: 'Bediening van de speler' }).getByRole('button', { name, exact: true });
  }

  /** Every piece of text a person or a screen reader could get from the page: text, hidden text, labels and titles. */
  async allText(): Promise<string> {
    return this.page.evaluate(() => {
      const attributes = [...document.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-description]')].flatMap((element) =>
        ['aria-label', 'title', 'alt', 'placeholder', 'aria-description'].map((name) => element.getAttribute(name) ?? ''),
      );
      return [document.title, document.body.innerText, document.body.textContent ?? '', ...attributes].join('\n');
    });
  }

  /** True when the page is no wider than the window: nothing to scroll sideways. */
  async fitsWidth(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  }
}
