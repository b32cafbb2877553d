import type {DashboardPage} from '../page.js'
import {pricesPage} from './prices/page.js'

/**
 * The dashboard's pages, in navigation order. A new page (sync status, purchase-order batches) is a module
 * like pages/prices/: its body, its script in assets/, its routes under /api/<id>/ calling engine functions.
 */
export const DASHBOARD_PAGES: readonly DashboardPage[] = [pricesPage()]
