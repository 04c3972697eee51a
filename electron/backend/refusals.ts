import { msg } from '../../shared/api/envelope';

// Refusals that handlers in different feature folders give in the same words, in both languages.
export const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');
export const CHOOSE_WHO_YOU_ARE = msg('Kies eerst wie u bent.', 'First choose who you are.');
