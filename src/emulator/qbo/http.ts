import type {IncomingMessage, ServerResponse} from 'node:http'

const MAX_BODY = 20 * 1024 * 1024

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new BodyTooLarge('request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {'content-type': contentType, 'content-length': Buffer.byteLength(text)})
  res.end(text)
}

export function sendBytes(res: ServerResponse, status: number, contentType: string, bytes: Uint8Array): void {
  res.writeHead(status, {'content-type': contentType, 'content-length': bytes.byteLength})
  res.end(bytes)
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, {location, 'content-length': 0})
  res.end()
}

/** HTTP Basic credentials, or undefined when the header is missing or malformed. */
export function basicAuth(req: IncomingMessage): {user: string; pass: string} | undefined {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
  if (!m) return undefined
  const text = Buffer.from(m[1]!, 'base64').toString('utf8')
  const i = text.indexOf(':')
  return i < 0
    ? undefined
    : {user: decodeURIComponent(text.slice(0, i)), pass: decodeURIComponent(text.slice(i + 1))}
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
