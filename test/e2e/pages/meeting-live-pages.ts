import { expect, type Locator, type Page } from '@playwright/test';
import type { ScaleName } from './scoring-pages';

/** The coordinator's meeting page on the projector: the network panel, the clip, the agenda. */
export class ProjectorPage {
  constructor(private readonly page: Page) {}

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Intervisie op dit netwerk' });
  }

  async start(address: string): Promise<{ code: string; joinUrl: string; fingerprint: string }> {
    const panel = this.panel();
    await panel.getByRole('radio', { name: new RegExp(`^${address.replace(/\./g, '\\.')} `) }).check();
    await panel.getByRole('button', { name: 'Intervisie op dit netwerk starten' }).click();
    const code = (await panel.getByLabel('Deelnamecode', { exact: true }).innerText()).trim();
    const qr = panel.getByRole('img', { name: /^QR-code met de deelnamelink / });
    await expect(qr).toBeVisible();
    const joinUrl = (await qr.getAttribute('data-qr-text'))!;
    const fingerprint = (await panel.getByLabel('Vingerafdruk van het certificaat (SHA-256)').last().innerText()).trim();
    return { code, joinUrl, fingerprint };
  }

  devices(): Locator {
    return this.panel().getByRole('table', { name: 'Apparaten' });
  }

  async admit(rater: string): Promise<void> {
    const button = this.devices().getByRole('button', { name: new RegExp(`^${rater} toelaten`) });
    await button.click();
    // Admitted, the row says so; after the last one the QR code and the list fold away for the clip.
    await expect(button).toHaveCount(0);
  }

  agendaItem(label: RegExp | string): Locator {
    return this.page.getByRole('region', { name: 'Agenda' }).getByRole('listitem', { name: label });
  }

  async showOnProjector(label: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }

  stage(): Locator {
    return this.page.getByRole('region', { name: /^Opname op de projector: / });
  }

  video(): Locator {
    return this.stage().locator('video');
  }

  async stop(): Promise<void> {
    await this.panel().getByRole('button', { name: 'Intervisie op het netwerk stoppen' }).click();
    await expect(this.panel().getByRole('button', { name: 'Intervisie op dit netwerk starten' })).toBeVisible();
  }
}

/** One rater's phone in the intervisie. */
export class DevicePage {
  constructor(readonly page: Page) {}

  async join(raterName: string, pin: string): Promise<void> {
    const page = this.page;
    await expect(page.getByRole('heading', { name: 'Deelnemen aan de intervisie' })).toBeVisible();
    // The QR code's link carries the code: the field is filled in already.
    await page.getByRole('button', { name: 'Verder' }).tap();
    const form = page.getByRole('form', { name: 'Deelnemen', exact: true });
    await form.getByRole('radio', { name: raterName }).tap();
    await form.getByLabel('Uw pincode').fill(pin);
    await form.getByLabel('Naam van dit apparaat').fill(`Telefoon ${raterName.split(' ')[0]}`);
    await form.getByRole('button', { name: 'Deelnemen', exact: true }).tap();
    await expect(page.getByRole('heading', { name: 'Wachten op toelating' })).toBeVisible();
  }

  card(): Locator {
    return this.page.getByRole('region', { name: 'Scores' });
  }

  async tapScore(scale: ScaleName, caregiver: string, value: number): Promise<void> {
    const point = this.card().getByRole('radiogroup', { name: `${scale} voor ${caregiver}` }).getByRole('radio', { name: new RegExp(`^${value} `) });
    await point.tap();
    await expect(point).toHaveAttribute('aria-checked', 'true');
  }

  async submit(): Promise<void> {
    await this.card().getByRole('button', { name: 'Indienen' }).tap();
    await expect(this.card().locator('.sheet-status')).toContainText('Ingediend op');
  }
}
