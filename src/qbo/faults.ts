import {z} from 'zod'

import type {QboFault} from './errors.js'

const upperError = z.object({
  Message: z.string().optional(),
  Detail: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  element: z.string().nullish(),
})
const upperEnvelope = z.object({
  Fault: z.object({Error: z.array(upperError).default([]), type: z.string().optional()}),
})
const lowerError = z.object({
  message: z.string().nullish(),
  detail: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  element: z.string().nullish(),
})
const lowerEnvelope = z.object({
  fault: z.object({error: z.array(lowerError).default([]), type: z.string().nullish()}),
})

/** `code` from an XML `<Error code="3001">` or from `errorCode=003001` inside a gateway message. */
function xmlFaults(text: string): QboFault[] {
  const type = /<Fault[^>]*\btype="([^"]*)"/.exec(text)?.[1] ?? ''
  const out: QboFault[] = []
  for (const m of text.matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/g)) {
    const attrs = m[1] ?? ''
    const body = m[2] ?? ''
    const tag = (name: string) =>
      decodeXml(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body)?.[1] ?? '')
    out.push({
      code: /\bcode="([^"]*)"/.exec(attrs)?.[1] ?? '',
      message: tag('Message'),
      detail: tag('Detail'),
      element: /\belement="([^"]*)"/.exec(attrs)?.[1] ?? '',
      type,
    })
  }
  return out
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/**
 * Every fault shape QBO is documented to send (qbo-api.md §6): the service envelope `{Fault:{Error,type}}`,
 * the gateway envelope with lower-case keys, and the XML body of a throttled request. Empty when the body
 * carries no fault.
 */
export function parseFaults(body: unknown): QboFault[] {
  if (typeof body === 'string') {
    if (body.includes('<Fault') || body.includes('<Error')) return xmlFaults(body)
    return []
  }
  const upper = upperEnvelope.safeParse(body)
  if (upper.success) {
    return upper.data.Fault.Error.map((e) => ({
      code: String(e.code ?? ''),
      message: e.Message ?? '',
      detail: e.Detail ?? '',
      element: e.element ?? '',
      type: upper.data.Fault.type ?? '',
    }))
  }
  const lower = lowerEnvelope.safeParse(body)
  if (lower.success) {
    return lower.data.fault.error.map((e) => ({
      code: String(e.code ?? ''),
      message: e.message ?? '',
      detail: e.detail ?? '',
      element: e.element ?? '',
      type: lower.data.fault.type ?? '',
    }))
  }
  return []
}
