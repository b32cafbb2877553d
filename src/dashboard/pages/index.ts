import type {DashboardPage} from '../page.js'
import {pricesPage} from './prices/page.js'
import {syncsPage} from './syncs/page.js'

/**
 * The dashboard's pages, in navigation order. A new page is a module like pages/prices/ and pages/syncs/:
 * its body, its script in assets/, its routes under /api/<id>/ calling engine functions.
 */
export const DASHBOARD_PAGES: readonly DashboardPage[] = [pricesPage(), syncsPage()]
