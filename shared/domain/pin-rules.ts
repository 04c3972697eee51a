import { msg, type Bilingual } from '../api/envelope';
import type { RaterRole } from './vocabulary';

/**
 * Who-is-who at a shared workstation. A rater protects their profile with a PIN of at least four
 * digits (or a password); the coordinator role, which can read every family's scores, the access
 * log and erase families, needs its own stronger secret of at least eight characters.
 */
export const SECRET_MAX_LENGTH = 128;
export const RATER_PIN_MIN_LENGTH = 4;
export const COORDINATOR_SECRET_MIN_LENGTH = 8;
/** After this many wrong attempts in a row the profile is locked for a while (see lockoutMinutes). */
export const MAX_FAILED_ATTEMPTS = 5;
/** Minutes without activity after which the workstation locks itself. */
export const DEFAULT_LOCK_AFTER_MINUTES = 10;

export function minimumSecretLength(role: RaterRole): number {
  return role === 'coordinator' ? COORDINATOR_SECRET_MIN_LENGTH : RATER_PIN_MIN_LENGTH;
}

const isRun = (secret: string, step: number) =>
  [...secret].every((char, index) => index === 0 || char.charCodeAt(0) - secret.charCodeAt(index - 1) === step);

/** A Dutch reason why this secret may not protect a profile with this role, or null when it may. */
export const secretProblem = (secret: string, role: RaterRole): string | null => secretProblemText(secret, role)?.nl ?? null;

/** The same reason in both languages, for a refusal. */
export function secretProblemText(secret: string, role: RaterRole): Bilingual | null {
  const minimum = minimumSecretLength(role);
  if (secret.length > SECRET_MAX_LENGTH) return msg(`Maximaal ${SECRET_MAX_LENGTH} tekens.`, `At most ${SECRET_MAX_LENGTH} characters.`);
  if (secret.trim() !== secret) return msg('Begin of eindig niet met een spatie.', 'Do not begin or end with a space.');
  if (secret.length < minimum) {
    return role === 'coordinator'
      ? msg(`Een coördinator heeft een eigen wachtwoord van minstens ${minimum} tekens nodig.`, `A coordinator needs their own password of at least ${minimum} characters.`)
      : msg(`Een pincode heeft minstens ${minimum} tekens.`, `A PIN has at least ${minimum} characters.`);
  }
  // The first guesses anyone tries at a shared machine.
  if (isRun(secret, 0) || isRun(secret, 1) || isRun(secret, -1)) {
    return msg('Te makkelijk te raden (zoals 0000 of 1234); kies een andere.', 'Too easy to guess (like 0000 or 1234); choose another one.');
  }
  return null;
}

/** Minutes a profile stays locked after `failures` wrong attempts in a row (0 = not locked). */
export function lockoutMinutes(failures: number): number {
  if (failures < MAX_FAILED_ATTEMPTS) return 0;
  // 5, 10, 20, 40, then at most an hour: slows guessing down without locking a team out for a day.
  return Math.min(60, 5 * 2 ** (failures - MAX_FAILED_ATTEMPTS));
}
