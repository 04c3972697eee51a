import { expect, type Locator, type Page } from '@playwright/test';
import { RaterPickerPage } from './app-page';

export type ScaleName = 'Sensitiviteit' | 'Coöperatie';

/** "Wissel van beoordelaar", then pick someone else, exactly as people do at a shared workstation. */
export async function switchRater(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Wissel van beoordelaar' }).click();
  await expect(page.getByRole('heading', { name: 'Wie bent u?' })).toBeVisible();
  await new RaterPickerPage(page).pick(name);
  await expect(page.locator('.active-rater')).toContainText(name);
}

export async function gotoNav(page: Page, name: 'Scoringsrondes' | 'Oefenen' | 'Ankerteksten'): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name }).click();
}

export class RoundsPages {
  constructor(private readonly page: Page) {}

  async create(round: {
    name: string;
    date: string;
    recordings: RegExp[];
    raters: string[];
    revealRule: 'coordinator' | 'all_submitted';
    blindMoment?: boolean;
  }): Promise<void> {
    await gotoNav(this.page, 'Scoringsrondes');
    await this.page.getByRole('link', { name: 'Nieuwe ronde' }).click();
    const form = this.page.getByRole('form', { name: 'Nieuwe ronde' });
    await form.getByLabel('Naam').fill(round.name);
    await form.getByLabel('Datum').fill(round.date);
    await form
      .getByRole('radio', { name: round.revealRule === 'coordinator' ? 'Als de coördinator onthult' : 'Automatisch als iedereen heeft ingediend' })
      .check();
    if (round.blindMoment) {
      const blind = form.getByRole('checkbox', { name: 'Blind voor het meetmoment', exact: true });
      await expect(blind).toHaveAccessibleDescription(/neutrale clipcodes \(Clip A, Clip B, …\) in plaats van gezin, datum en meetmoment/);
      await blind.check();
    }
    for (const recording of round.recordings) await form.getByRole('checkbox', { name: recording }).check();
    for (const rater of round.raters) await form.getByRole('checkbox', { name: rater, exact: true }).check();
    await form.getByRole('button', { name: 'Ronde aanmaken' }).click();
    await expect(this.page.getByRole('heading', { name: `Ronde: ${round.name}`, level: 1 })).toBeVisible();
  }

  async open(name: string): Promise<void> {
    await gotoNav(this.page, 'Scoringsrondes');
    await this.page.getByRole('table', { name: 'Lijst van rondes' }).getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { name: `Ronde: ${name}`, level: 1 })).toBeVisible();
  }

  agenda(): Locator {
    return this.page.getByRole('table', { name: 'Agenda' });
  }

  async scoreRecording(label: RegExp): Promise<ScoreCardPage> {
    await this.agenda().getByRole('link', { name: label }).click();
    const card = new ScoreCardPage(this.page);
    await expect(card.root()).toBeVisible();
    return card;
  }
}

export class ScoreCardPage {
  constructor(private readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('region', { name: 'Scores' });
  }

  scale(scale: ScaleName, caregiver: string): Locator {
    return this.root().getByRole('radiogroup', { name: `${scale} voor ${caregiver}` });
  }

  point(scale: ScaleName, caregiver: string, value: number): Locator {
    return this.scale(scale, caregiver).getByRole('radio', { name: new RegExp(`^${value} `) });
  }

  async choose(scale: ScaleName, caregiver: string, value: number): Promise<void> {
    await this.point(scale, caregiver, value).click();
    await expect(this.point(scale, caregiver, value)).toHaveAttribute('aria-checked', 'true');
  }

  rationale(scale: ScaleName, caregiver: string): Locator {
    return this.root().getByLabel(`Onderbouwing ${scale}, ${caregiver}`);
  }

  status(): Locator {
    return this.root().locator('.sheet-status');
  }

  async submit(): Promise<void> {
    await this.root().getByRole('button', { name: 'Indienen' }).click();
    await expect(this.status()).toContainText('Ingediend op');
  }
}

export class MeetingPage {
  constructor(private readonly page: Page) {}

  items(): Locator {
    return this.page.getByRole('list', { name: 'Bespreken: grootste verschil eerst' }).getByRole('listitem');
  }

  item(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  scoresOf(title: string): Locator {
    return this.item(title).getByRole('table', { name: `Scores: ${title}` });
  }
}
