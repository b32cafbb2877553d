import type {IncomingMessage, ServerResponse} from 'node:http'

import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import type {PricesQbo} from '../load/prices/index.js'
import {escapeHtml} from './http.js'

/** What every page's handlers may use: the same engine dependencies as the commands. */
export interface DashboardDeps {
  staging: Staging
  /** The migration file (the apply lock lives beside it). */
  dbPath: string
  logger: Logger
  /** Who uses the dashboard, for the audit log. */
  actor: string
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** QBO, opened on first use: the dashboard starts (and shows how to connect) even when QBO is not connected. */
  qbo: () => PricesQbo
  /** Largest file accepted by an upload, in bytes. */
  uploadLimit: number
}

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  deps: DashboardDeps
}

export interface Route {
  method: 'GET' | 'POST'
  /** Matched against the path; named groups become params. */
  path: RegExp
  handle(ctx: RouteContext): Promise<void>
}

/**
 * One page of the dashboard: its place in the navigation, its body, its script, its API. Later pages (sync
 * status, purchase-order batches) are added to the list in pages/index.ts beside the price lists.
 */
export interface DashboardPage {
  id: string
  title: string
  /** The page's own script in assets/ (plain JS, no external assets). */
  script: string
  body(): string
  routes: Route[]
}

/** The HTML around every page: the navigation of all pages, the token for the page's own requests. */
export function layout(pages: readonly DashboardPage[], current: DashboardPage, token: string): string {
  const nav = pages
    .map(
      (p) =>
        `<a href="/${p.id}?token=${encodeURIComponent(token)}"${p === current ? ' aria-current="page"' : ''}>${escapeHtml(p.title)}</a>`,
    )
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="qbo-token" content="${escapeHtml(token)}">
<title>${escapeHtml(current.title)} · qbo dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<header><strong>qbo</strong> dashboard <nav>${nav}</nav></header>
<main id="page-${escapeHtml(current.id)}">
${current.body()}
</main>
<script src="/assets/common.js"></script>
<script src="/assets/${escapeHtml(current.script)}"></script>
</body>
</html>
`
}
