import { AppError, msg } from '../../../../../shared/api/envelope';
import { localToday } from '../../../../../shared/domain/dates';
import { exportFileName, type ExportLanguage } from '../../../../../shared/domain/exports';
import type { ExportFile } from '../../../../../shared/domain/trends';
import type { HandlerContext } from '../../../handler-context';
import { MIME } from '../../trends/trend-exports';
import { buildDossierDocument } from './dossier-document';
import { dossierPdf, dossierXlsx } from './dossier-files';

/**
 * One family's dossier as a file. Everything is read in one transaction first, so the file shows
 * one moment even while someone keeps typing in the dossier; the file is drawn after it, and the
 * export is logged once it exists (a failed drawing logs no export that never happened).
 */
export async function exportDossier(ctx: HandlerContext, familyId: number, language: ExportLanguage, format: 'pdf' | 'xlsx'): Promise<ExportFile> {
  const today = localToday();
  const doc = ctx.db.transaction(() => buildDossierDocument(ctx, familyId, language, today))();
  if (!doc) throw new AppError('not_found', msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).'));
  // The day, not the second: the same dossier on the same day gives the same bytes.
  const day = new Date(`${today}T00:00:00Z`);
  const bytes = format === 'pdf' ? await dossierPdf(doc, day) : await dossierXlsx(doc, day);
  const fileName = exportFileName({ subject: 'dossier', scope: doc.familyCode, date: today, extension: format });
  ctx.db.transaction(() => ctx.logFamilyAccess(familyId, `${fileName}: ${doc.sections.length} onderdelen, ${doc.rowCount} regels`))();
  return { fileName, mimeType: format === 'pdf' ? MIME.pdf : MIME.xlsx, base64: bytes.toString('base64'), familyCount: 1, rowCount: doc.rowCount };
}
