import { expect, type Locator, type Page } from '@playwright/test';

/** The fragments part of the recording page (timeline, mark bar, list, editor, exports) and the tags page. */
export class FragmentsPage {
  constructor(private readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Fragmenten', exact: true });
  }

  timeline(): Locator {
    return this.page.getByRole('region', { name: 'Tijdlijn met fragmenten' });
  }

  /** The active rater's lane: a listbox whose options are the fragments, labelled with time and tags. */
  myLane(): Locator {
    return this.page.getByRole('listbox', { name: /^Uw fragmenten/ });
  }

  myFragments(): Locator {
    return this.myLane().getByRole('option');
  }

  markStatus(): Locator {
    return this.page.getByTestId('mark-status');
  }

  /** The status line under the mark bar (what the last key did). */
  notice(): Locator {
    return this.page.getByRole('group', { name: 'Markeren' }).locator('.mark-notice');
  }

  list(): Locator {
    return this.page.getByRole('table', { name: 'Lijst van fragmenten' });
  }

  listRows(): Locator {
    return this.list().locator('tbody tr.fragment-row');
  }

  editor(): Locator {
    return this.page.getByRole('region', { name: /^Fragment bewerken/ });
  }

  timecode(): Locator {
    return this.page.getByTestId('timecode');
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Moves focus with Tab alone until `target` has it (keyboard only, like a rater without a mouse). */
  async tabTo(target: Locator, maxPresses = 300): Promise<void> {
    const handle = await target.elementHandle();
    if (!handle) throw new Error('tabTo: target not on the page');
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      if (await handle.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`tabTo: not reached in ${maxPresses} presses of Tab`);
  }

  /** Waits until the player reports a position past `ms` (it is playing). */
  async waitUntilPlayingPast(ms: number): Promise<void> {
    await expect
      .poll(async () => Number(await this.page.getByRole('region', { name: 'Videospeler' }).getAttribute('data-presented-time')) * 1000, { timeout: 10_000 })
      .toBeGreaterThan(ms);
  }

  reelButton(): Locator {
    return this.page.getByRole('button', { name: 'Feedbackfilm maken' });
  }

  videoList(): Locator {
    return this.page.getByRole('list', { name: 'Gemaakte video’s' });
  }

  exportButton(name: 'CSV (komma)' | 'CSV voor Excel (puntkomma)' | 'Excel (XLSX)' | 'ELAN (.eaf)'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}

export class TagsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Labels' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Labels en mentaliserende vragen' })).toBeVisible();
  }

  async addTag(name: string, description: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Label toevoegen' });
    await form.getByLabel('Naam').fill(name);
    await form.getByLabel('Omschrijving').fill(description);
    await form.getByRole('button', { name: 'Label toevoegen' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Label "${name}" is toegevoegd.` })).toBeVisible();
  }

  async archive(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Archiveer ${name}` }).click();
    await expect(this.page.getByRole('button', { name: `Haal ${name} terug uit het archief` })).toBeVisible();
  }
}
