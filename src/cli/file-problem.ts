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
    default: return (error as Error).message;
  }
}
