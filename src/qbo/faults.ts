import {XMLParser} from 'fast-xml-parser'
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

const xmlError = z.object({
  code: z.string().optional(),
  element: z.string().optional(),
  Message: z.string().optional(),
  Detail: z.string().optional(),
})
const xmlFault = z.object({Error: z.array(xmlError).default([]), type: z.string().optional()})
const xmlEnvelope = z.union([
  z.object({IntuitResponse: z.object({Fault: xmlFault})}).transform((d) => d.IntuitResponse.Fault),
  z.object({Fault: xmlFault}).transform((d) => d.Fault),
])

// Attributes by their plain names, every value a string (a code such as "0010" keeps its zeros), namespaces
// dropped, and all of XML's entities decoded (numeric ones and HTML's too: QBO echoes user text).
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => name === 'Error',
})

/**
 * An XML `<Fault>`, alone or inside `<IntuitResponse>`. `code` is the Error's attribute, else the number in a
 * gateway message such as `message=ThrottleExceeded; errorCode=003001; statusCode=429`.
 */
function xmlFaults(text: string): QboFault[] {
  let doc: unknown
  try {
    doc = xml.parse(text)
  } catch {
    return []
  }
  const fault = xmlEnvelope.safeParse(doc)
  if (!fault.success) return []
  return fault.data.Error.map((e) => ({
    code: e.code || gatewayCode(e.Message) || '',
    message: e.Message ?? '',
    detail: e.Detail ?? '',
    element: e.element ?? '',
    type: fault.data.type ?? '',
  }))
}

function gatewayCode(message: string | undefined): string | undefined {
  const digits = /\berrorCode=(\d+)/.exec(message ?? '')?.[1]
  return digits === undefined ? undefined : String(Number(digits))
}

/**
 * Every fault shape QBO is documented to send (qbo-api.md §6): the service envelope `{Fault:{Error,type}}`,
 * the gateway envelope with lower-case keys, and the XML bodies (a throttled request's, older endpoints'). Empty when the body
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
