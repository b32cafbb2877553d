// Loaded before every test file (node --import): the network is off in tests. A connection to anything
// but loopback (or a local socket) fails at once, so an unmocked call to Intuit or Xero cannot pass silently.
import net from 'node:net'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/

type ConnectArgs = Parameters<typeof net.Socket.prototype.connect>

function targetOf(args: unknown[]): {host?: string; port?: unknown; path?: string} {
  const [first, second] = args
  if (Array.isArray(first)) return targetOf(first)
  if (first && typeof first === 'object') {
    const o = first as {host?: string; port?: unknown; path?: string}
    return {host: o.host, port: o.port, path: o.path}
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return {path: first}
  return {port: first, host: typeof second === 'string' ? second : undefined}
}

const originalConnect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const target = targetOf(args)
  if (target.path === undefined) {
    const host = target.host ?? 'localhost'
    if (!LOOPBACK.test(host)) {
      throw new Error(
        `Network is off in tests: connection to ${host}:${String(target.port)} refused by test/setup/guard.ts`,
      )
    }
  }
  return originalConnect.apply(this, args as ConnectArgs)
} as typeof net.Socket.prototype.connect
