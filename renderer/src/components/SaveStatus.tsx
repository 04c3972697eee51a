import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-autosave';

/** A quiet, screen-reader-announced status next to an autosaved field. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text =
    state.status === 'saving'
      ? t('autosave.saving')
      : state.status === 'saved'
        ? t('autosave.saved')
        : state.status === 'error'
          ? t('autosave.failed', { message: state.message })
          : '';
  return (
    <span className={`save-status save-status--${state.status}`} role={state.status === 'error' ? 'alert' : 'status'}>
      {text}
    </span>
  );
}
