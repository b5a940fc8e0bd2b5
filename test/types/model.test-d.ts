import type { Models } from 'purecloud-platform-client-v2';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallbackConversationSnapshot, CallbackMediaParticipant, ChatConversationSnapshot, ChatMediaParticipant,
  ConversationRoutingData, DialerPreview, DisconnectType, DomainEntityRef, ErrorInfo, JourneyContext,
  ParticipantState, Voicemail, Wrapup,
} from 'participant-tracker';

describe('Genesys model types', () => {
  it('our snapshots are assignable to the official SDK models', () => {
    expectTypeOf<ChatMediaParticipant>().toExtend<Models.ChatMediaParticipant>();
    expectTypeOf<CallbackMediaParticipant>().toExtend<Models.CallbackMediaParticipant>();
    expectTypeOf<DomainEntityRef>().toExtend<Models.DomainEntityRef>();
    expectTypeOf<ErrorInfo>().toExtend<Models.ErrorInfo>();
    expectTypeOf<Wrapup>().toExtend<Models.Wrapup>();
    expectTypeOf<JourneyContext>().toExtend<Models.JourneyContext>();
    expectTypeOf<ConversationRoutingData>().toExtend<Models.ConversationRoutingData>();
    expectTypeOf<DialerPreview>().toExtend<Models.DialerPreview>();
    expectTypeOf<Voicemail>().toExtend<Models.Voicemail>();
    expectTypeOf<ChatConversationSnapshot['participants'][number]>().toExtend<Models.ChatMediaParticipant>();
    expectTypeOf<CallbackConversationSnapshot['participants'][number]>().toExtend<Models.CallbackMediaParticipant>();
  });

  it('enums are open: known values autocomplete, newer strings are accepted', () => {
    expectTypeOf<'connected'>().toExtend<ParticipantState>();
    expectTypeOf<'transmitting-v2'>().toExtend<ParticipantState>();
    expectTypeOf<'endpoint.donotdisturb'>().toExtend<DisconnectType>();
    expectTypeOf<number>().not.toExtend<ParticipantState>();
  });

  it('a chat field is not accepted on a callback, and the reverse', () => {
    expectTypeOf<{ roomId: string }>().not.toExtend<CallbackMediaParticipant>();
    expectTypeOf<{ avatarImageUrl: string }>().not.toExtend<CallbackMediaParticipant>();
    expectTypeOf<{ callbackNumbers: string[] }>().not.toExtend<ChatMediaParticipant>();
    expectTypeOf<{ parkTime: string }>().not.toExtend<ChatMediaParticipant>();
    expectTypeOf<{ roomId: string }>().toExtend<ChatMediaParticipant>();
    expectTypeOf<{ parkTime: string }>().toExtend<CallbackMediaParticipant>();
  });
});
