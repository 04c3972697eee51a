import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ANCHOR_POINTS, type AnchorTexts, type ScaleKey } from '../../../../shared/domain/scales';
import type { AnchorSet } from '../../../../shared/domain/scoring';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { formatDateTime } from './labels';
import './scoring.css';

function AnchorEditor({ set, onDone }: { set: AnchorSet; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useApiMutation('scoring.updateAnchors');
  const [texts, setTexts] = useState<AnchorTexts>(structuredClone(set.texts));
  const scaleName = t(`scoring.scales.${set.scale}`);
  const edit = (point: string, language: 'nl' | 'en', field: 'title' | 'text', value: string) =>
    setTexts((current) => {
      const next = structuredClone(current);
      const entry = next[point as keyof AnchorTexts];
      entry[language] = { ...(entry[language] ?? { title: '', text: '' }), [field]: value };
      return next;
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An English text left empty means "no English text", not an error.
    const cleaned = structuredClone(texts);
    for (const point of ANCHOR_POINTS) {
      const entry = cleaned[`${point}`];
      if (entry.en && !entry.en.title.trim() && !entry.en.text.trim()) delete entry.en;
    }
    update.mutate({ scale: set.scale, texts: cleaned }, { onSuccess: onDone });
  };
  return (
    <form aria-label={t('scoring.anchors.edit', { scale: scaleName })} onSubmit={onSubmit} className="anchor-editor">
      {[...ANCHOR_POINTS].reverse().map((point) => {
        const entry = texts[`${point}`];
        return (
          <fieldset key={point}>
            <legend>{t('scoring.anchors.point', { point })}</legend>
            {(['nl', 'en'] as const).map((language) => (
              <div key={language} className="row">
                <div className="field field--narrow-wide">
                  <label htmlFor={`a-${set.scale}-${point}-${language}-title`}>{t(`scoring.anchors.title_${language}`, { point })}</label>
                  <input
                    id={`a-${set.scale}-${point}-${language}-title`}
                    value={entry[language]?.title ?? ''}
                    maxLength={80}
                    onChange={(e) => edit(`${point}`, language, 'title', e.target.value)}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`a-${set.scale}-${point}-${language}-text`}>{t(`scoring.anchors.text_${language}`, { point })}</label>
                  <textarea
                    id={`a-${set.scale}-${point}-${language}-text`}
                    rows={2}
                    maxLength={1000}
                    value={entry[language]?.text ?? ''}
                    onChange={(e) => edit(`${point}`, language, 'text', e.target.value)}
                  />
                </div>
              </div>
            ))}
          </fieldset>
        );
      })}
      <ErrorMessage error={update.error} />
      <button type="submit" className="primary" disabled={update.isPending}>
        {t('scoring.anchors.save')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

function ScaleAnchors({ set, canEdit }: { set: AnchorSet; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const history = useApiQuery('scoring.anchorVersions', { scale: set.scale as ScaleKey });
  const scaleName = t(`scoring.scalesLong.${set.scale}`);
  const language = i18n.language === 'en' ? 'en' : 'nl';
  const describe = (s: AnchorSet) =>
    t('scoring.anchors.versionBy', { version: s.version, at: formatDateTime(s.createdAt, i18n.language), by: s.createdByName ? ` · ${s.createdByName}` : '' });
  return (
    <section className="card" aria-labelledby={`anchors-${set.scale}`}>
      <div className="page-head">
        <h2 id={`anchors-${set.scale}`}>{scaleName}</h2>
        {canEdit && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('scoring.anchors.edit', { scale: t(`scoring.scales.${set.scale}`) })}
          </button>
        )}
      </div>
      <p className="help">{describe(set)}</p>
      {editing ? (
        <AnchorEditor set={set} onDone={() => setEditing(false)} />
      ) : (
        <dl className="anchor-list">
          {[...ANCHOR_POINTS].reverse().map((point) => {
            const entry = set.texts[`${point}`];
            const text = (language === 'en' ? entry.en : undefined) ?? entry.nl;
            return (
              <div key={point}>
                <dt>
                  {point} · {text.title}
                </dt>
                <dd>{text.text}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {(history.data?.length ?? 0) > 1 && (
        <details>
          <summary>{t('scoring.anchors.history')}</summary>
          <ul>
            {history.data!.slice(1).map((old) => (
              <li key={old.versionId}>
                {describe(old)}: {[...ANCHOR_POINTS].reverse().map((p) => `${p} ${old.texts[`${p}`].nl.title}`).join(' · ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The anchor texts of both scales; a coordinator may replace them, which makes a new version. */
export function AnchorsPage() {
  const { t } = useTranslation();
  const { rater } = useSession();
  const anchors = useApiQuery('scoring.anchors', {});
  return (
    <section aria-labelledby="anchors-title">
      <h1 id="anchors-title">{t('scoring.anchors.title')}</h1>
      <p>{t('scoring.anchors.intro')}</p>
      {rater.role !== 'coordinator' && <p className="help">{t('scoring.anchors.onlyCoordinator')}</p>}
      <ErrorMessage error={anchors.error} />
      {(anchors.data ?? []).map((set) => (
        <ScaleAnchors key={`${set.scale}-${set.versionId}`} set={set} canEdit={rater.role === 'coordinator'} />
      ))}
    </section>
  );
}
