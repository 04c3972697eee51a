import { useTranslation } from 'react-i18next';
import type { PairKappa } from '../../../../shared/api/areas/agreement-methods';
import { tooFewItems } from '../../../../shared/stats/sample-size';
import { formatStatValue } from './format';
import { StatValue } from './StatValue';

export interface HeatmapRater {
  id: number;
  name: string;
  initials: string;
}

/** Light sand for no agreement (≤ 0) to the app's teal for perfect agreement. */
function cellColor(value: number): { background: string; color: string } {
  const x = Math.max(0, Math.min(1, value));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * x);
  return { background: `rgb(${mix(250, 31)}, ${mix(236, 111)}, ${mix(220, 120)})`, color: x > 0.55 ? '#fff' : '#1d2733' };
}

/** Pairwise linear weighted kappa, raters × raters: a picture (role="img") and the same in a table. */
export function KappaHeatmap({ raters, pairs, headingId }: { raters: readonly HeatmapRater[]; pairs: readonly PairKappa[]; headingId: string }) {
  const { t, i18n } = useTranslation();
  const pairOf = (a: number, b: number) => pairs.find((p) => (p.raterA === a && p.raterB === b) || (p.raterA === b && p.raterB === a));
  const shown = raters.filter((rater) => pairs.some((p) => p.raterA === rater.id || p.raterB === rater.id));
  const nameOf = (id: number) => raters.find((r) => r.id === id)?.name ?? `#${id}`;
  // Pairs that share too few items get no colour and no place in "lowest agreement".
  const computable = pairs.flatMap((p) => (p.kappa.ok && !tooFewItems(p.kappa) ? [p] : []));
  const summary =
    computable.length === 0
      ? t('agreement.heatmap.summaryNone')
      : t('agreement.heatmap.summary', {
          count: pairs.length,
          low: `${nameOf(computable.reduce((a, b) => (a.kappa.ok && b.kappa.ok && b.kappa.value < a.kappa.value ? b : a)).raterA)} – ${nameOf(
            computable.reduce((a, b) => (a.kappa.ok && b.kappa.ok && b.kappa.value < a.kappa.value ? b : a)).raterB,
          )}`,
        });
  return (
    <section className="agreement-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agreement.heatmap.title')}</h3>
      <p className="help">{t('agreement.heatmap.help')}</p>
      {shown.length < 2 ? (
        <p className="stat stat--na">
          {t('agreement.notComputable')}
          <small className="stat-reason">{t('agreement.heatmap.tooFew')}</small>
        </p>
      ) : (
        <div className="agreement-heatmap-wrap">
          <div className="agreement-heatmap" role="img" aria-label={summary} style={{ gridTemplateColumns: `minmax(6rem, max-content) repeat(${shown.length}, 3.6rem)` }}>
            <span />
            {shown.map((rater) => (
              <span key={rater.id} className="heatmap-head" aria-hidden="true">
                {rater.initials}
              </span>
            ))}
            {shown.map((row) => (
              <div key={row.id} className="heatmap-row" aria-hidden="true">
                <span className="heatmap-head heatmap-head--row">{row.name}</span>
                {shown.map((column) => {
                  if (row.id === column.id) return <span key={column.id} className="heatmap-cell heatmap-cell--self">—</span>;
                  const pair = pairOf(row.id, column.id);
                  if (pair && tooFewItems(pair.kappa)) {
                    return (
                      <span key={column.id} className="heatmap-cell heatmap-cell--na" title={t('agreement.tooFewItems', { n: pair.kappa.n })}>
                        n = {pair.kappa.n}
                      </span>
                    );
                  }
                  if (!pair || !pair.kappa.ok) {
                    return (
                      <span key={column.id} className="heatmap-cell heatmap-cell--na" title={pair && !pair.kappa.ok ? pair.kappa.reason : ''}>
                        n.b.
                      </span>
                    );
                  }
                  return (
                    <span key={column.id} className="heatmap-cell" style={cellColor(pair.kappa.value)} title={`n = ${pair.n}`}>
                      {formatStatValue(pair.kappa.value, i18n.language, false)}
                    </span>
                  );
                })}
              </div>
            ))}
          </div>
          <table className="table table--compact agreement-pairs">
            <caption>{t('agreement.heatmap.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreement.heatmap.pair')}</th>
                <th scope="col">{t('agreement.heatmap.kappa')}</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={`${pair.raterA}-${pair.raterB}`}>
                  <th scope="row">
                    {nameOf(pair.raterA)} – {nameOf(pair.raterB)}
                  </th>
                  <td>
                    <StatValue stat={pair.kappa} />
                  </td>
                  <td>{pair.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
