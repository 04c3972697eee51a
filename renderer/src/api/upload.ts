import { ApiError, msg, type Envelope } from '../../../shared/api/envelope';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Streams a file to the back end's upload endpoint (the web host, or the app:// protocol in
 * Electron: the same relative URL). XHR, because fetch cannot report upload progress.
 */
export function uploadFile(file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<{ uploadId: string; size: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as Envelope<{ uploadId: string; size: number }>;
        if (envelope.ok) resolve(envelope.value);
        else reject(new ApiError(envelope.error));
      } catch {
        reject(ApiError.of('internal', msg(`Het uploaden is mislukt (status ${xhr.status}).`, `The upload failed (status ${xhr.status}).`)));
      }
    };
    xhr.onerror = () => reject(ApiError.of('unavailable', msg('Het uploaden is mislukt: geen verbinding met Afstemming.', 'The upload failed: no connection with Afstemming.')));
    xhr.onabort = () => reject(ApiError.of('conflict', msg('Het uploaden is geannuleerd.', 'The upload was cancelled.')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
