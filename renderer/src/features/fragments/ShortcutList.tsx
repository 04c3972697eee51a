import { useTranslation } from 'react-i18next';
import { FRAGMENT_SHORTCUTS } from './fragment-keys';

/** The fragment keys, always in view under the timeline (the player lists its own). */
export function ShortcutList() {
  const { t } = useTranslation();
  return (
    <section className="fragment-shortcuts" aria-labelledby="fragment-shortcuts-title">
      <h3 id="fragment-shortcuts-title">{t('fragmentsUi.shortcuts')}</h3>
      <dl>
        {FRAGMENT_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action}>
            <dt>
              <kbd>{shortcut.label}</kbd>
            </dt>
            <dd>{t(`fragmentsUi.actions.${shortcut.action}`)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>↑ ↓</kbd>
          </dt>
          <dd>{t('fragmentsUi.actions.listArrows')}</dd>
        </div>
        <div>
          <dt>
            <kbd>Ctrl+{t('fragmentsUi.wheel')}</kbd>
          </dt>
          <dd>{t('fragmentsUi.actions.wheel')}</dd>
        </div>
      </dl>
      <p className="help">{t('fragmentsUi.shortcutsNote')}</p>
    </section>
  );
}
