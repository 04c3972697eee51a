import { useTranslation } from 'react-i18next';
import { formatTime, splitCitations } from './citations';

/** Text with its [mm:ss] citations as buttons that play the fragment (plain text without a player). */
export function CitationText({ text, onPlay }: { text: string; onPlay?: (startMs: number) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {splitCitations(text).map((part, index) =>
        typeof part === 'string' ? (
          <span key={index}>{part}</span>
        ) : onPlay ? (
          <button key={index} type="button" className="citation" aria-label={t('scoring.card.play', { time: formatTime(part.startMs) })} onClick={() => onPlay(part.startMs)}>
            {part.text}
          </button>
        ) : (
          <span key={index} className="citation citation--static">
            {part.text}
          </span>
        ),
      )}
    </>
  );
}
