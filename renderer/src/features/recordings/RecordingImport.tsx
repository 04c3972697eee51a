import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Family } from '../../../../shared/domain/entities';
import { ACTIVITIES, MOMENTS, type Activity, type Moment } from '../../../../shared/domain/vocabulary';
import { ApiError } from '../../../../shared/api/envelope';
import { useApi } from '../../api/api-context';
import { uploadFile, type UploadProgress } from '../../api/upload';
import { ErrorMessage } from '../../components/ErrorMessage';
import { canPreview, SourcePreview } from './SourcePreview';

/** Import a clip into a family: metadata first, then the file (picked or dropped), streamed with progress. */
export function RecordingImport({ family }: { family: Family }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const lastVisit = family.visits[family.visits.length - 1];
  const [chosenVisitId, setVisitId] = useState<number | undefined>(undefined);
  // Visits may be added after this form mounted: default to the latest until the user picks one.
  const visitId = chosenVisitId ?? lastVisit?.id;
  const [chosenCaregivers, setCaregiverIds] = useState<number[] | undefined>(undefined);
  const caregiverIds = chosenCaregivers ?? family.caregivers.map((c) => c.id);
  const [activity, setActivity] = useState<Activity>('spelen');
  const [moment, setMoment] = useState<Moment>('voormeting');
  const [chosenDate, setRecordedOn] = useState<string | undefined>(undefined);
  const recordedOn = chosenDate ?? family.visits.find((v) => v.id === visitId)?.date ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // The file being imported plays from the rater's disk meanwhile; the recording opens where it was left.
  const [previewing, setPreviewing] = useState<File | null>(null);
  const previewPositionMs = useRef(0);

  if (family.visits.length === 0) return <p className="help">{t('recordings.needVisit')}</p>;

  const chooseVisit = (value: number) => {
    setVisitId(value);
    setRecordedOn(undefined);
  };
  const toggleCaregiver = (caregiverId: number) =>
    setCaregiverIds(caregiverIds.includes(caregiverId) ? caregiverIds.filter((x) => x !== caregiverId) : [...caregiverIds, caregiverId]);

  const submit = async (event?: FormEvent, dropped?: File) => {
    event?.preventDefault();
    const chosen = dropped ?? file;
    setError(null);
    if (!chosen) {
      setError(ApiError.local('invalid_input', t('recordings.chooseFile')));
      return;
    }
    setBusy(true);
    abort.current = new AbortController();
    previewPositionMs.current = 0;
    setPreviewing(canPreview(chosen) ? chosen : null);
    try {
      const { uploadId } = await uploadFile(chosen, setProgress, abort.current.signal);
      setProgress(null);
      const recording = await api.call('recordings.importUpload', {
        uploadId,
        familyId: family.id,
        visitId: visitId ?? 0,
        caregiverIds,
        activity,
        moment,
        recordedOn,
      });
      const at = previewPositionMs.current;
      navigate(`/recordings/${recording.id}${at > 0 ? `?t=${at}` : ''}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : ApiError.local('internal', String(caught)));
    } finally {
      setBusy(false);
      setProgress(null);
      setPreviewing(null);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      setFile(dropped);
      void submit(undefined, dropped);
    }
  };

  // The desktop app can open the operating system's own file dialog; the back end reads the file itself.
  const desktop = typeof window.afstemming !== 'undefined';
  const importViaDialog = async () => {
    setError(null);
    setBusy(true);
    try {
      const [first] = await api.call('recordings.importFromDialog', { familyId: family.id, visitId: visitId ?? 0, caregiverIds, activity, moment, recordedOn });
      if (first) navigate(`/recordings/${first.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : ApiError.local('internal', String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <form className="stack import-form" onSubmit={(e) => void submit(e)} aria-label={t('recordings.import')}>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-visit`}>{t('recordings.visit')}</label>
          <select id={`${id}-visit`} value={visitId} onChange={(e) => chooseVisit(Number(e.target.value))}>
            {family.visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {visit.date} — {t(`phases.${visit.phase}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-activity`}>{t('recordings.activity')}</label>
          <select id={`${id}-activity`} value={activity} onChange={(e) => setActivity(e.target.value as Activity)}>
            {ACTIVITIES.map((value) => (
              <option key={value} value={value}>
                {t(`activities.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-moment`}>{t('recordings.moment')}</label>
          <select id={`${id}-moment`} value={moment} onChange={(e) => setMoment(e.target.value as Moment)}>
            {MOMENTS.map((value) => (
              <option key={value} value={value}>
                {t(`moments.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('recordings.recordedOn')}</label>
          <input id={`${id}-date`} type="date" value={recordedOn} onChange={(e) => setRecordedOn(e.target.value)} />
        </div>
      </div>
      <fieldset>
        <legend>{t('recordings.inView')}</legend>
        {family.caregivers.map((caregiver) => (
          <label key={caregiver.id} className="checkbox-inline">
            <input type="checkbox" checked={caregiverIds.includes(caregiver.id)} onChange={() => toggleCaregiver(caregiver.id)} /> {caregiver.label}
          </label>
        ))}
      </fieldset>
      <div
        className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={`${id}-file`}>{t('recordings.file')}</label>
        <input id={`${id}-file`} ref={fileInput} type="file" accept="video/*,.mts,.m2ts,.mov,.mp4,.mkv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <small className="help">{t('recordings.dropHint')}</small>
      </div>
      {progress && (
        <div role="status">
          <progress max={100} value={percent} aria-label={t('recordings.uploading')} /> {t('recordings.uploadingPercent', { percent })}
        </div>
      )}
      {busy && !progress && <p role="status">{t('recordings.inspecting')}</p>}
      {previewing && <SourcePreview file={previewing} onPosition={(ms) => (previewPositionMs.current = ms)} />}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('recordings.importButton')}
        </button>
        {desktop && (
          <button type="button" disabled={busy} onClick={() => void importViaDialog()}>
            {t('recordings.importViaDialog')}
          </button>
        )}
        {busy && (
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
