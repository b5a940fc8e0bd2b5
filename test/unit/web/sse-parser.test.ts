import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../web/src/sse.js';

describe('SseParser (the dashboard reads /api/stream with fetch)', () => {
  it('reads id, event and data; data over several lines joins with newlines; a blank line ends a message', () => {
    const parser = new SseParser();
    expect(parser.push('id: b.1\nevent: state\ndata: {"a":\ndata: 1}\n\n')).toEqual([{ id: 'b.1', event: 'state', data: '{"a":\n1}' }]);
  });

  it('skips comments (heartbeats) and messages without data; keeps the last id for the messages after it', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\nid: b.2\n\nevent: changes\ndata: x\n\n')).toEqual([{ id: 'b.2', event: 'changes', data: 'x' }]);
  });

  it('completes messages split anywhere across chunks, CRLF split between two chunks included', () => {
    const parser = new SseParser();
    const text = 'id: b.3\r\nevent: changes\r\ndata:{"n":3}\r\n\r\nevent: state\rdata: y\r\r';
    const messages = [...text].flatMap((char) => parser.push(char));
    expect(messages).toEqual([{ id: 'b.3', event: 'changes', data: '{"n":3}' }, { id: 'b.3', event: 'state', data: 'y' }]);
  });

  it('names a message without event `message`, and strips only one space after the colon', () => {
    expect(new SseParser().push('data:  two spaces\n\n')).toEqual([{ id: '', event: 'message', data: ' two spaces' }]);
  });
});
