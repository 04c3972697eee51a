import { AppError, type Bilingual, type ErrorCode } from '../../../shared/api/envelope';

/**
 * Why a media operation failed. The caller (job queue, import handler) branches on `kind`;
 * people read the Dutch `message`.
 */
export type MediaErrorKind =
  | 'ffmpeg_missing'
  | 'not_a_file'
  | 'empty_file'
  | 'not_video'
  | 'damaged'
  | 'unsupported'
  | 'probe_timeout'
  | 'cancelled'
  | 'timed_out'
  | 'failed'
  | 'outside_library';

const API_CODE: Record<MediaErrorKind, ErrorCode> = {
  ffmpeg_missing: 'unavailable',
  not_a_file: 'invalid_input',
  empty_file: 'invalid_input',
  not_video: 'invalid_input',
  damaged: 'invalid_input',
  unsupported: 'invalid_input',
  probe_timeout: 'invalid_input',
  cancelled: 'conflict',
  timed_out: 'unavailable',
  failed: 'internal',
  outside_library: 'forbidden',
};

/**
 * An expected media failure. It extends AppError so dispatch shows the message as is (both languages);
 * `detail` (ffmpeg's last stderr lines, paths) is for the log file only and never reaches the user.
 */
export class MediaError extends AppError {
  constructor(
    readonly kind: MediaErrorKind,
    message: Bilingual,
    readonly detail: string = '',
  ) {
    super(API_CODE[kind], message);
    this.name = 'MediaError';
  }
}

export const isMediaError = (error: unknown): error is MediaError => error instanceof MediaError;
