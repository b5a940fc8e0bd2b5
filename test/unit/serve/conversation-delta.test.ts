import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot } from '../../../src/model/conversation-snapshot.js';
import { applyConversationDelta, conversationDelta } from '../../../src/serve/conversation-delta.js';

const customer = { id: 'cust', purpose: 'customer', state: 'connected' } as const;
const agent = { id: 'a1', purpose: 'agent', state: 'alerting' } as const;
const snapshot = (...participants: object[]) => ({ id: 'c1', media: 'chat', participants }) as ConversationSnapshot;

describe('conversation deltas', () => {
  it('participants that are the same objects become { id } stubs; the page fills them back in', () => {
    const before = snapshot(customer, agent);
    const after = snapshot(customer, { ...agent, state: 'connected' }, { id: 'a2', purpose: 'agent' });
    const delta = conversationDelta(before, after);
    expect(delta.participants).toEqual([{ id: 'cust' }, { ...agent, state: 'connected' }, { id: 'a2', purpose: 'agent' }]);
    expect(applyConversationDelta(before, delta)).toEqual(after);
  });

  it('missed deltas fold into one that still applies to what the client had', () => {
    const first = snapshot(customer, agent);
    const second = snapshot(customer, { ...agent, state: 'connected' });
    const third = snapshot({ ...customer, state: 'disconnected' }, second.participants[1]!);
    const folded = applyConversationDelta(conversationDelta(first, second), conversationDelta(second, third));
    expect(applyConversationDelta(first, folded)).toEqual(third);
  });

  it('without what it refers to, a stub stays a stub; a conversation not known is taken whole', () => {
    const delta = conversationDelta(snapshot(customer), snapshot(customer, agent));
    expect(applyConversationDelta(snapshot(), delta).participants).toEqual([{ id: 'cust' }, agent]);
    expect(applyConversationDelta(undefined, delta)).toBe(delta);
  });
});
