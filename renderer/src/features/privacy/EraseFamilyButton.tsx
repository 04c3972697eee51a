import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiError } from '../../../../shared/api/envelope';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

/** Coordinator only: erases a family for good after the code is typed over (AVG art. 17). */
export function EraseFamilyButton({ familyId, code }: { familyId: number; code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const api = useApi();
  const queryClient = useQueryClient();
  // Leave the family page first, then refresh: refetching the erased family would replace this page with an error.
  const erase = useMutation<unknown, ApiError, string>({
    mutationFn: (confirmCode) => api.call('families.erase', { id: familyId, confirmCode }),
    onSuccess: async () => {
      await navigate('/families');
      // Every cached answer about the erased family goes, not only the family itself.
      queryClient.removeQueries({ predicate: (query) => refersToFamily(query.queryKey[1], familyId) });
      await queryClient.invalidateQueries();
    },
  });
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toUpperCase() === code.toUpperCase();

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('privacy.erase.button')}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="erase-title" aria-describedby="erase-text" className="confirm card">
      <h2 id="erase-title">{t('privacy.erase.title', { code })}</h2>
      <p id="erase-text">{t('privacy.erase.explain')}</p>
      <label>
        {t('privacy.erase.typeCode', { code })}
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false}
          // Focus moves into the confirmation that just opened, as a dialog's focus should.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
        />
      </label>
      <button
        type="button"
        className="danger"
        disabled={!matches || erase.isPending}
        onClick={() => erase.mutate(typed)}
      >
        {t('privacy.erase.confirm')}
      </button>
      <button type="button" onClick={() => (setOpen(false), setTyped(''))}>
        {t('common.cancel')}
      </button>
      <ErrorMessage error={erase.error} />
    </div>
  );
}

function refersToFamily(input: unknown, familyId: number): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const record = input as Record<string, unknown>;
  return record.familyId === familyId || record.id === familyId;
}
