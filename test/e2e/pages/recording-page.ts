import { expect, type Locator, type Page } from '@playwright/test';

export interface ImportOptions {
  file: string;
  activity?: string;
  moment?: string;
}

/** The recordings section on a family page and the recording page with its player. */
export class RecordingPage {
  constructor(private readonly page: Page) {}

  async importFromFamilyPage({ file, activity = 'Spelen', moment = 'Voormeting' }: ImportOptions): Promise<void> {
    const section = this.page.getByRole('region', { name: 'Opnamen', exact: true });
    await section.getByText('Opname importeren').click();
    const form = this.page.getByRole('form', { name: 'Opname importeren' });
    await form.getByLabel('Activiteit').selectOption({ label: activity });
    await form.getByLabel('Meetmoment').selectOption({ label: moment });
    await form.getByLabel('Videobestand').setInputFiles(file);
    await form.getByRole('button', { name: 'Importeren' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: /^Opname / })).toBeVisible({ timeout: 30_000 });
  }

  player(): Locator {
    return this.page.getByRole('region', { name: 'Videospeler' });
  }

  async waitUntilPlayable(timeoutMs = 60_000): Promise<void> {
    await expect(this.player()).toHaveAttribute('data-player-ready', 'true', { timeout: timeoutMs });
  }

  decision(): Locator {
    return this.page.getByRole('region', { name: 'Afspelen' });
  }

  /** Until the version made in the background has replaced the original file in the player. */
  async waitForBackgroundVersion(timeoutMs = 120_000): Promise<void> {
    await expect(this.decision().getByRole('group', { name: /Betere afspeelversie/ })).toHaveCount(0, { timeout: timeoutMs });
    await expect(this.player().locator('video')).toHaveAttribute('src', /[?&]v=(?!original$)[^&]+$/, { timeout: timeoutMs });
    await this.waitUntilPlayable(timeoutMs);
  }

  frameNumber(): Locator {
    return this.page.getByTestId('frame-number');
  }

  /** The timestamp of the frame on screen, as requestVideoFrameCallback reported it to the player. */
  async presentedMediaTime(): Promise<number> {
    const value = await this.player().getAttribute('data-presented-time');
    return Number(value);
  }

  /** Waits until the frame on screen is frame `frame` of a clip at `fps`. */
  async expectPresentedFrame(frame: number, fps: number): Promise<void> {
    await expect.poll(async () => Math.round((await this.presentedMediaTime()) * fps), { timeout: 5000 }).toBe(frame);
  }

  /** The recording's details beside the player (activity, moment, date, notes, original file name). */
  details(): Locator {
    return this.page.getByRole('region', { name: 'Gegevens van de opname' });
  }

  /** Opens a recording from its family's page, as a person does: the family list, the family, the recording. */
  async openFromFamilies(familyCode: string, recordingLabel: RegExp): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezinnen' }).click();
    await this.page.getByRole('table', { name: 'Lijst van gezinnen' }).getByRole('link', { name: familyCode }).click();
    await this.page.getByRole('list', { name: 'Opnamen', exact: true }).getByRole('link', { name: recordingLabel }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: /^Opname / })).toBeVisible();
  }

  async backToFamily(): Promise<void> {
    await this.page.getByRole('link', { name: /^← Gezin / }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: /^Gezin / })).toBeVisible();
  }
}
