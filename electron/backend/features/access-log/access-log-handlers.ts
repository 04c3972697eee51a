import { AppError } from '../../../../shared/api/envelope';
import { FAMILY_GONE } from '../../refusals';
import type { HandlersFor } from '../../handler-context';
import { familyExists } from '../families/family-repository';
import { listFamilyAccess } from './access-log-repository';

export const accessLogHandlers: Pick<HandlersFor<'accessLog'>, 'accessLog.forFamily'> = {
  'accessLog.forFamily': ({ familyId, limit }, ctx) => {
    if (!familyExists(ctx.db, familyId)) throw new AppError('not_found', FAMILY_GONE);
    // Reading the log is itself an access to the family and is logged before the read, so it shows up.
    ctx.logFamilyAccess(familyId);
    return listFamilyAccess(ctx.db, familyId, limit ?? 500);
  },
};
