/**
 * Ingest of Genesys Cloud payloads into the v1 event log.
 *
 * Payloads are recognised by shape and topic (`recognizePayload`), their participants read into
 * the `ChatMediaParticipant` / `CallbackMediaParticipant` vocabulary (nested participants
 * flattened, values mapped to the REST spelling: `endpoint.dnd` → `endpoint.donotdisturb`,
 * `CONSULT_TRANSFER` → `transfer.consult`, epoch ms → ISO), checked for self-contradictions,
 * and compared with what is already known about their conversation: only what is new becomes
 * events, with ids derived from conversation, participant, type and time (static values
 * canonical: entity references without `selfUri`, empty values left out). A participant no
 * payload has given a `startTime` yet waits for one (`awaiting`), or for `flush` at the end of
 * input, so that the same payloads in any order give the same events. Where a payload proves a
 * change but gives no time for it, the time is the participant's own next dated step, else the
 * latest time the payload carries (or its receipt time, when later), never before the
 * participant's previous event; a hold ends when a payload not older apart from holds' starts
 * shows it over (the rules in full: `createSnapshotDiffer` in `snapshot-differ.ts`).
 */
export { createGenesysIngest, type GenesysIngest, type PayloadResult } from './create-genesys-ingest.js';
export { ingestGenesys, type GenesysIngestRun, type IngestGenesysOptions } from './ingest-genesys.js';
export { readJsonValues, type JsonItem, type JsonSource } from './read-json-values.js';
export { recognizePayload, type Recognition } from './recognize-payload.js';
export { classifyTopic, type TopicClass } from './classify-topic.js';
export { flattenParticipant, type FlattenedParticipant } from './flatten-participant.js';
export { mapDisconnectType, mapDirection, mapMediaType } from './map-values.js';
export { ingestEventId } from './event-id.js';
export type { IngestFinding, FindingKind } from './findings.js';
export { formatIngestReport, type IngestReport, type LocatedFinding, type UnreadableInput } from './report.js';
