/**
 * One fault as QBO words it (qbo-api.md §6): for one batch item or a whole request, from any of its envelopes
 * (JSON, the gateway's lower-case JSON, XML). The client parses it (qbo/faults.ts); the loader decides on it
 * (load/triage.ts). `detail`, `element` and `type` are absent when QBO gives none.
 */
export interface QboFault {
  code: string
  message: string
  detail?: string
  element?: string
  type?: string
}
