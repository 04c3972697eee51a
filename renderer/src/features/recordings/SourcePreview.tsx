import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Containers Chromium may play straight from the chosen file. HEVC in MP4/MOV is found out by
 * trying (the element reports an error) rather than guessed from the name.
 */
const PREVIEWABLE = /\.(mp4|m4v|mov|webm)$/i;

export const canPreview = (file: File) => PREVIEWABLE.test(file.name);

/**
 * Plays the file the rater dropped from their own disk while its copy and hash run, so watching
 * does not wait for the import. Nothing leaves this window: the bytes come from a blob URL of the
 * rater's own file. `onPosition` hands the position over to the recording page once it exists.
 */
export function SourcePreview({ file, onPosition }: { file: File; onPosition: (ms: number) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [presented, setPresented] = useState<number | null>(null);
  const position = useRef(onPosition);
  position.current = onPosition;

  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    setFailed(false);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);

  useEffect(() => {
    const el = video.current;
    if (!el || !url) return;
    let callback = 0;
    const onFrame = (_now: number, metadata: { mediaTime: number }) => {
      setPresented(metadata.mediaTime);
      position.current(Math.round(metadata.mediaTime * 1000));
      callback = el.requestVideoFrameCallback(onFrame);
    };
    callback = el.requestVideoFrameCallback(onFrame);
    const onSeeked = () => position.current(Math.round(el.currentTime * 1000));
    el.addEventListener('seeked', onSeeked);
    return () => {
      el.cancelVideoFrameCallback(callback);
      el.removeEventListener('seeked', onSeeked);
    };
  }, [url]);

  if (failed) return <p className="help">{t('recordings.previewUnavailable')}</p>;
  return (
    <section className="card source-preview" aria-label={t('recordings.preview')} data-presented-time={presented ?? ''}>
      <p className="help">{t('recordings.previewHint')}</p>
      {url && (
        // eslint-disable-next-line jsx-a11y/media-has-caption -- a home recording has no subtitles; this is the rater's own file, watched before it is imported
        <video
          ref={video}
          src={url}
          controls
          preload="auto"
          aria-label={t('recordings.preview')}
          onError={() => setFailed(true)}
          // A video codec Chromium lacks (HEVC) still loads, as sound without a picture.
          onLoadedMetadata={(event) => event.currentTarget.videoWidth === 0 && setFailed(true)}
        />
      )}
    </section>
  );
}
