/**
 * Suggests the next free pseudonymous code of the form OB-YY-NNN (Ouder-baby, year, number),
 * so nobody is tempted to type a surname as the code.
 */
export function suggestFamilyCode(existingCodes: readonly string[], today: Date): string {
  const prefix = `OB-${String(today.getFullYear() % 100).padStart(2, '0')}-`;
  const taken = new Set(existingCodes.map((code) => code.toUpperCase()));
  let highest = 0;
  for (const code of taken) {
    if (!code.startsWith(prefix)) continue;
    const number = Number(code.slice(prefix.length));
    if (Number.isInteger(number)) highest = Math.max(highest, number);
  }
  let next = highest + 1;
  while (taken.has(`${prefix}${String(next).padStart(3, '0')}`)) next += 1;
  return `${prefix}${String(next).padStart(3, '0')}`;
}
