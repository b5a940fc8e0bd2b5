/**
 * A file-system error in a few plain words, for a one-line usage error.
 *
 * @example
 * fileProblem(Object.assign(new Error('…'), { code: 'ENOENT' }), 'read'); // 'no such file'
 */
export function fileProblem(error: unknown, doing: 'read' | 'write'): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT': return doing === 'read' ? 'no such file' : 'no such directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a parent is not a directory';
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EFBIG': return 'the file is too large';
    case 'EROFS': return 'read-only file system';
    case 'EIO': return 'input/output error';
    default: return (error as Error).message;
  }
}
