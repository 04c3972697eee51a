import { createReadStream, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  /** index.html must never be cached: it names the hashed bundles of the current build. */
  immutable: boolean;
}

/**
 * Maps a URL path onto a file of the renderer build, or null. Paths that try to leave the build
 * folder (`..`, encoded dots, NUL, backslashes) are refused; unknown paths without an extension get
 * index.html so the single-page app can route them.
 */
export function resolveStaticFile(rootDir: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = resolve(rootDir);
  const candidate = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  const rel = relative(root, candidate);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== candidate) return null;

  const asFile = fileAt(candidate);
  if (asFile) return asFile;
  if (extname(candidate) === '') return fileAt(join(root, 'index.html'));
  return null;
}

function fileAt(path: string): StaticFile | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    return { path, size: stat.size, contentType, immutable: path.includes(`${sep}assets${sep}`) };
  } catch {
    return null;
  }
}

export function streamFile(file: StaticFile) {
  return createReadStream(file.path);
}
