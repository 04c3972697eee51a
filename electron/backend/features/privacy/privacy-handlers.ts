import { dirname } from 'node:path';
import { ACCESS_LOG_EXPORT_MAX_ROWS } from '../../../../shared/api/areas/privacy-methods';
import { AppError, msg } from '../../../../shared/api/envelope';
import { localCalendarDate, systemTimeZone } from '../../../../shared/domain/local-time';
import type { Handlers } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { accessLogCsv } from './access-log-csv';
import { accessOverview, countAccess, describeOverviewFilter, eachAccess } from './access-overview-repository';
import { createBackup, stageRestore, verifyBackup } from './backup';
import { appendErasureRecord } from './erasure-register';
import { checkpointAfterErasure, eraseFamilyRows, removeErasedFiles } from './erasure-repository';
import { verifyChain } from './log-chain';

/**
 * Privacy and durability (issue "Privacy and durability"). Decisions:
 * - Erasure deletes every row about the family in one transaction (children first, see
 *   erasure-repository.ts), removes its library files after the commit (a video another family
 *   uses stays), then `wal_checkpoint(TRUNCATE)`; with `secure_delete = ON` (open-database.ts) no
 *   copy of the rows is left in the database file or the WAL. The family's access-log rows stay:
 *   they are the legal record, with its code replaced by a keyed hash (never names or notes).
 *   trend_dirty may keep bare ids until the trend cache next refreshes (ids only, no content).
 * - The erasure register lives in the `erasures` table and in erasures.jsonl next to the
 *   database, both with the keyed hash of the code only; every start re-applies an erasure whose
 *   family (same id, same keyed code, created no later than the erasure) is back, e.g. after
 *   restoring an older backup.
 * - The access log's chain (access_log_mac, migration 0010) is keyed with the secret in
 *   access-log.key next to the database and its head is anchored in access-log.anchor, both
 *   outside the database (log-chain.ts, log-key.ts, log-anchor.ts); a log from before 0010 is
 *   checked and linked with the key once, at the first start after it (log-keying.ts).
 * - Restore is staged (verified, copied, verified again) and swapped in at the next start, before
 *   the database is opened; what it replaces is moved aside, never deleted by the app.
 */
type PrivacyMethod = 'families.erase' | 'accessLog.verify' | 'accessLog.overview' | 'accessLog.exportCsv' | 'backup.create' | 'backup.verify' | 'backup.restore';

const dataDirOf = (library: { root: string }) => dirname(library.root);

export const privacyHandlers: Pick<Handlers, PrivacyMethod> = {
  'families.erase': ({ id, confirmCode }, ctx) => {
    const family = ctx.db.prepare('SELECT code FROM families WHERE id = ?').get(id) as { code: string } | undefined;
    if (!family) throw new AppError('not_found', msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).'));
    if (confirmCode.trim().toUpperCase() !== family.code.toUpperCase()) {
      throw new AppError('invalid_input', msg('De getypte code is niet de code van dit gezin. Er is niets verwijderd.', 'The code you typed is not this family\'s code. Nothing has been deleted.'), { confirmCode: msg('Typ de gezinscode precies over.', 'Type the family code exactly.') });
    }
    const { library, jobs } = ctx.services;
    const plan = eraseFamilyRows(ctx.db, library, { familyId: id, at: ctx.now, actor: ctx.actor })!;
    // Register outside the database before the commit: listing an erasure that then rolled back is safe, missing one is not.
    appendErasureRecord(dataDirOf(library), { familyId: id, familyCodeRef: plan.familyCodeRef, erasedAt: ctx.now });
    ctx.afterCommit(() => {
      for (const jobId of plan.jobIds) jobs.cancel(jobId);
      removeErasedFiles(plan);
      checkpointAfterErasure(ctx.db);
    });
    ctx.emit('data.changed', { area: 'families', id });
    return { erased: true, familyCode: plan.familyCode, filesRemoved: plan.files.length };
  },

  'accessLog.verify': (_input, ctx) => {
    const report = verifyChain(ctx.db);
    appendAccess(ctx.db, {
      at: ctx.now,
      rater: ctx.actor,
      familyId: null,
      action: 'access_log.verify',
      outcome: 'ok',
      detail: report.ok
        ? `keten intact (${report.checkedRows} regels, anker bij regel ${report.anchorLogId})`
        : `keten niet in orde${report.firstBrokenId !== null ? ` bij regel ${report.firstBrokenId}` : ''}: ${report.reason ?? ''}`.slice(0, 1000),
    });
    return report;
  },

  'accessLog.overview': ({ limit, offset, upToId, ...filter }, ctx) => {
    // Reading the log is itself logged, before the read, so it shows up in the overview. A further
    // page is a further look (its own row); the same page again within minutes is not (repeated-reads.ts).
    const detail = `overzicht ${describeOverviewFilter(filter)}${offset > 0 ? `, vanaf rij ${offset + 1}` : ''}`;
    if (filter.familyId !== undefined) ctx.logFamilyAccess(filter.familyId, detail);
    else ctx.logTeamAccess(detail);
    return { ...accessOverview(ctx.db, { ...filter, limit, offset, upToId }), offset, limit };
  },

  'accessLog.exportCsv': (filter, ctx) => {
    const timeZone = filter.timeZone ?? systemTimeZone();
    const count = countAccess(ctx.db, filter);
    if (count > ACCESS_LOG_EXPORT_MAX_ROWS) {
      throw new AppError(
        'invalid_input',
        msg(
          `Met deze filters telt het logboek ${count.toLocaleString('nl-NL')} regels; één export bevat er hoogstens ${ACCESS_LOG_EXPORT_MAX_ROWS.toLocaleString('nl-NL')}. Kies een kortere periode of een gezin.`,
          `With these filters the log holds ${count.toLocaleString('en-GB')} rows; one export holds at most ${ACCESS_LOG_EXPORT_MAX_ROWS.toLocaleString('en-GB')}. Choose a shorter period or one family.`,
        ),
      );
    }
    // Read in the call's transaction, then logged: the row says exactly what the file holds (the
    // export's own row is in the next one). All rows are read before the log is written to, since
    // the connection is busy while a statement iterates.
    const { content, rowCount } = accessLogCsv([...eachAccess(ctx.db, filter)], timeZone);
    const fileName = `toegangslogboek-${localCalendarDate(ctx.now, timeZone)}.csv`;
    const detail = `${fileName}: ${rowCount} regels; ${describeOverviewFilter(filter)}`;
    if (filter.familyId !== undefined) ctx.logFamilyAccess(filter.familyId, detail);
    else ctx.logTeamAccess(detail);
    return { fileName, mimeType: 'text/csv;charset=utf-8', content, rowCount };
  },

  'backup.create': async ({ targetDir }, ctx) => {
    let dir = targetDir;
    if (dir === undefined) {
      const pick = ctx.services.ports.pickFolder;
      if (!pick) throw new AppError('invalid_input', msg(
        'Typ of plak het pad van de map waarin de back-up moet komen.',
        'Type or paste the path of the folder the backup should go into.',
      ));
      const picked = await pick();
      if (!picked) throw new AppError('invalid_input', msg('Er is geen map gekozen; er is geen back-up gemaakt.', 'No folder was chosen; no backup has been made.'));
      dir = picked;
    }
    const { library } = ctx.services;
    const summary = await createBackup({ db: ctx.db, library, dataDir: dataDirOf(library), targetDir: dir, appVersion: ctx.appVersion, now: ctx.now });
    appendAccess(ctx.db, { at: ctx.now, rater: ctx.actor, familyId: null, action: 'backup.create', outcome: 'ok', detail: `${summary.files} bestanden, ${summary.bytes} bytes` });
    return summary;
  },

  'backup.verify': async ({ dir }) => {
    const { manifest: _manifest, ...check } = await verifyBackup(dir);
    return check;
  },

  'backup.restore': async ({ dir }, ctx) => {
    const { createdAt } = await stageRestore(dataDirOf(ctx.services.library), dir);
    appendAccess(ctx.db, { at: ctx.now, rater: ctx.actor, familyId: null, action: 'backup.restore', outcome: 'ok', detail: `back-up van ${createdAt} klaargezet; actief na herstart` });
    return { restartRequired: true, backupCreatedAt: createdAt };
  },
};
