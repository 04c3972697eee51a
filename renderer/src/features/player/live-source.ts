/**
 * Plays a playable version while ffmpeg still makes it: the back end serves the growing
 * fragmented copy (/media/<id>/live) and its fragment list (/media/<id>/live/index); this feeds
 * the fragments around the playhead into a MediaSource. The element knows the clip's whole length
 * from the start, so the scrubber is to scale; what is not made yet cannot be reached.
 */
interface LiveIndex {
  mimeType: string;
  initBytes: number;
  madeMs: number;
  durationMs: number;
  /** [startMs, offset, length] */
  fragments: [number, number, number][];
}

export interface LiveState {
  madeMs: number;
  /** Set when a seek asked for a moment beyond the made part: where it asked, where it went instead. */
  beyond: { askedMs: number; shownMs: number } | null;
  /** The browser cannot play this live (no MediaSource, or not this codec): wait for the finished version. */
  unsupported: boolean;
}

/** How far ahead of the playhead fragments are fetched, and how much is kept around it. */
const AHEAD_MS = 30_000;
const KEEP_BEHIND_MS = 20_000;
const KEEP_AHEAD_MS = 60_000;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const POLL_MS = 700;

export class LiveSource {
  readonly url: string;
  private readonly mediaSource = new MediaSource();
  private buffer: SourceBuffer | null = null;
  private video: HTMLVideoElement | null = null;
  private index: LiveIndex | null = null;
  private readonly appended = new Set<number>();
  private busy = false;
  private disposed = false;
  private timer = 0;
  private state: LiveState = { madeMs: 0, beyond: null, unsupported: false };
  /** Where this source itself last moved the playhead (ms), so that seek is not taken for the rater's. */
  private redirectedTo: number | null = null;

  constructor(
    private readonly base: string,
    private readonly onState: (state: LiveState) => void,
  ) {
    this.url = URL.createObjectURL(this.mediaSource);
    this.mediaSource.addEventListener('sourceopen', () => void this.refresh(), { once: true });
  }

  /** The element playing `url`: its seeks and time drive which fragments are fetched. */
  attach(video: HTMLVideoElement): void {
    this.video = video;
    video.addEventListener('seeking', this.onSeeking);
    video.addEventListener('timeupdate', this.pump);
  }

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this.timer);
    this.video?.removeEventListener('seeking', this.onSeeking);
    this.video?.removeEventListener('timeupdate', this.pump);
    URL.revokeObjectURL(this.url);
  }

  private publish(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  private readonly onSeeking = () => {
    const video = this.video;
    const index = this.index;
    if (!video || !index) return;
    const askedMs = video.currentTime * 1000;
    const last = index.fragments[index.fragments.length - 1];
    if (this.redirectedTo !== null && Math.abs(askedMs - this.redirectedTo) < 1) {
      // The seek below, not the rater's: the message about the refused moment stays.
      this.redirectedTo = null;
    } else if (last && askedMs >= index.madeMs && index.madeMs < index.durationMs) {
      // Beyond the made part: to the last made moment, and say so, rather than a player that hangs.
      this.redirectedTo = last[0];
      video.currentTime = last[0] / 1000;
      this.publish({ beyond: { askedMs, shownMs: last[0] } });
    } else if (this.state.beyond) {
      this.publish({ beyond: null });
    }
    this.pump();
  };

  /** Fetches the fragment list again until the whole clip is made or the live copy is gone. */
  private async refresh(): Promise<void> {
    if (this.disposed) return;
    try {
      const response = await fetch(`${this.base}/index`, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) {
        const index = (await response.json()) as LiveIndex;
        if (!this.buffer) await this.open(index);
        this.index = index;
        this.publish({ madeMs: index.madeMs });
        this.pump();
      }
      // 404: not begun yet, or just finished (the page switches to the finished file then).
    } catch {
      // A failed poll is retried at the next one.
    }
    if (!this.disposed && !this.state.unsupported) this.timer = window.setTimeout(() => void this.refresh(), POLL_MS);
  }

  private async open(index: LiveIndex): Promise<void> {
    if (!MediaSource.isTypeSupported(index.mimeType)) {
      this.publish({ unsupported: true });
      return;
    }
    this.mediaSource.duration = index.durationMs / 1000;
    const buffer = this.mediaSource.addSourceBuffer(index.mimeType);
    buffer.addEventListener('updateend', this.pump);
    const init = await this.bytes(0, index.initBytes);
    if (!init || this.disposed) return;
    this.buffer = buffer;
    await this.append(init);
  }

  private async bytes(from: number, to: number): Promise<ArrayBuffer | null> {
    const response = await fetch(`${this.base}`, { credentials: 'same-origin', cache: 'no-store', headers: { Range: `bytes=${from}-${to - 1}` } });
    if (response.status !== 206 && response.status !== 200) return null;
    return response.arrayBuffer();
  }

  private append(data: ArrayBuffer): Promise<void> {
    const buffer = this.buffer!;
    return new Promise((resolve, reject) => {
      const done = () => {
        buffer.removeEventListener('updateend', done);
        buffer.removeEventListener('error', failed);
        resolve();
      };
      const failed = () => {
        buffer.removeEventListener('updateend', done);
        buffer.removeEventListener('error', failed);
        reject(new Error('append failed'));
      };
      buffer.addEventListener('updateend', done);
      buffer.addEventListener('error', failed);
      buffer.appendBuffer(data);
    });
  }

  /** Appends the next run of fragments the playhead needs, or evicts what is far away. */
  private readonly pump = () => {
    if (this.busy || this.disposed || !this.buffer || !this.index || !this.video || this.buffer.updating) return;
    this.busy = true;
    void this.step()
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
      });
  };

  private async step(): Promise<void> {
    const index = this.index!;
    const video = this.video!;
    const nowMs = video.currentTime * 1000;
    const fragments = index.fragments;
    // The fragment holding the playhead, then onwards up to AHEAD_MS.
    let first = fragments.findIndex((f, i) => (fragments[i + 1]?.[0] ?? Number.POSITIVE_INFINITY) > nowMs);
    if (first < 0) return;
    while (first < fragments.length && this.appended.has(first) && fragments[first]![0] < nowMs + AHEAD_MS) first += 1;
    if (first >= fragments.length || fragments[first]![0] >= nowMs + AHEAD_MS) return;
    let last = first;
    let bytes = fragments[first]![2];
    while (last + 1 < fragments.length && !this.appended.has(last + 1) && bytes + fragments[last + 1]![2] <= MAX_BATCH_BYTES && fragments[last + 1]![0] < nowMs + AHEAD_MS) {
      last += 1;
      bytes += fragments[last]![2];
    }
    await this.evict(nowMs);
    const from = fragments[first]![1];
    const to = fragments[last]![1] + fragments[last]![2];
    const data = await this.bytes(from, to);
    if (!data || this.disposed) return;
    await this.append(data);
    for (let i = first; i <= last; i += 1) this.appended.add(i);
    // More may be needed at once (a seek far ahead, or the first seconds).
    queueMicrotask(this.pump);
  }

  /** Keeps the SourceBuffer well under Chromium's quota: what is far from the playhead goes. */
  private async evict(nowMs: number): Promise<void> {
    const buffer = this.buffer!;
    const index = this.index!;
    const behind = (nowMs - KEEP_BEHIND_MS) / 1000;
    const ahead = (nowMs + KEEP_AHEAD_MS) / 1000;
    const ranges: [number, number][] = [];
    if (behind > 0) ranges.push([0, behind]);
    if (ahead < index.durationMs / 1000) ranges.push([ahead, index.durationMs / 1000]);
    for (const [start, end] of ranges) {
      const buffered = buffer.buffered;
      let overlaps = false;
      for (let i = 0; i < buffered.length; i += 1) if (buffered.start(i) < end && buffered.end(i) > start) overlaps = true;
      if (!overlaps) continue;
      await new Promise<void>((resolve) => {
        buffer.addEventListener('updateend', () => resolve(), { once: true });
        buffer.remove(start, end);
      });
      index.fragments.forEach(([startMs], i) => {
        const endMs = index.fragments[i + 1]?.[0] ?? index.madeMs;
        if (endMs / 1000 > start && startMs / 1000 < end) this.appended.delete(i);
      });
    }
  }
}
