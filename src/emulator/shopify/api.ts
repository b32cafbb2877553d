import {type DocumentNode, type GraphQLError, execute, parse, validate} from 'graphql'

import type {CostBucket} from './bucket.js'
import {queryCost} from './cost.js'
import {orderNode, refundNode, shopNode} from './graph.js'
import type {EmuOrder, EmuShop} from './model.js'
import {shopifySchema} from './schema.js'
import {matches, parseSearch, sortOrders} from './search.js'

/** The most one query may cost (UNCONFIRMED in Shopify's current docs; widely reported as 1000). */
export const MAX_QUERY_COST = 1000

export interface GraphqlAnswer {
  status: number
  body: Record<string, unknown>
}

interface Request {
  query?: unknown
  variables?: unknown
  operationName?: unknown
}

/** graphql-js words an unknown field its own way; Shopify (graphql-ruby) says "Field 'x' doesn't exist on type 'Y'". */
function shopifyWording(message: string): {message: string; extensions?: Record<string, unknown>} {
  const m = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(message)
  if (!m) return {message}
  return {
    message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
    extensions: {code: 'undefinedField', typeName: m[2], fieldName: m[1]},
  }
}

function errorsOf(errors: readonly GraphQLError[]): Record<string, unknown>[] {
  return errors.map((e) => ({
    ...shopifyWording(e.message),
    ...(e.locations ? {locations: e.locations} : {}),
    ...(e.path ? {path: e.path} : {}),
    extensions: {code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions, ...shopifyWording(e.message).extensions},
  }))
}

/**
 * One POST to graphql.json: parse and validate against the schema subset, price the query, take its cost
 * from the shop's bucket (or refuse it as THROTTLED), run it, give back what it did not use. Every answer
 * carries `extensions.cost`, as Shopify's do.
 */
export function answerGraphql(shop: EmuShop, bucket: CostBucket, body: unknown): GraphqlAnswer {
  const req = (typeof body === 'object' && body !== null ? body : {}) as Request
  if (typeof req.query !== 'string' || req.query.trim() === '')
    return {status: 400, body: {errors: [{message: 'No query string was present'}]}}
  const variables = (
    typeof req.variables === 'object' && req.variables !== null ? req.variables : {}
  ) as Record<string, unknown>
  let document: DocumentNode
  try {
    document = parse(req.query)
  } catch (e) {
    return {status: 200, body: {errors: errorsOf([e as GraphQLError])}}
  }
  const schema = shopifySchema()
  const invalid = validate(schema, document)
  if (invalid.length > 0) return {status: 200, body: {errors: errorsOf(invalid)}}
  const requested = queryCost(schema, document, variables, undefined).requested
  if (requested > MAX_QUERY_COST) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: {code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST},
          },
        ],
        extensions: {
          cost: {requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status()},
        },
      },
    }
  }
  if (!bucket.take(requested)) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: 'Throttled',
            extensions: {
              code: 'THROTTLED',
              documentation: 'https://shopify.dev/api/usage/rate-limits',
            },
          },
        ],
        extensions: {
          cost: {requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status()},
        },
      },
    }
  }
  const warnings: string[] = []
  const result = execute({
    schema,
    document,
    variableValues: variables,
    operationName: typeof req.operationName === 'string' ? req.operationName : undefined,
    rootValue: rootOf(shop, warnings),
  }) as {data?: unknown; errors?: readonly GraphQLError[]}
  const actual = queryCost(schema, document, variables, result.data ?? {}).actual
  bucket.giveBack(Math.max(0, requested - actual))
  return {
    status: 200,
    body: {
      ...(result.errors ? {errors: errorsOf(result.errors)} : {}),
      data: result.data ?? null,
      extensions: {
        cost: {requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status()},
        ...(warnings.length ? {search: [{path: ['orders'], query: '', warnings}]} : {}),
      },
    },
  }
}

interface OrdersArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
  query?: string | null
  reverse?: boolean | null
  sortKey?: string | null
}

/** An order cursor holds the sort value and id it stopped at, so a page resumes right after it even if orders change. */
function orderCursor(sortKey: string, o: EmuOrder): string {
  const value = sortValue(sortKey, o)
  return Buffer.from(JSON.stringify({last_id: Number(o.id), last_value: value}), 'utf8').toString('base64')
}

function sortValue(sortKey: string, o: EmuOrder): string | number {
  switch (sortKey) {
    case 'UPDATED_AT':
      return o.updatedAt
    case 'CREATED_AT':
      return o.createdAt
    case 'ID':
      return Number(o.id)
    case 'ORDER_NUMBER':
      return o.number
    default:
      return o.processedAt
  }
}

function decodeCursor(cursor: string): {id: number; value: string | number} {
  const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
    last_id: number
    last_value: string | number
  }
  return {id: parsed.last_id, value: parsed.last_value}
}

function rootOf(shop: EmuShop, warnings: string[]): Record<string, unknown> {
  return {
    shop: () => shopNode(shop),
    order: (args: {id: string}) => {
      const id = /\/Order\/(\d+)$/.exec(args.id)?.[1]
      const order = id ? shop.orders.get(id) : undefined
      return order ? orderNode(order) : null
    },
    refund: (args: {id: string}) => {
      const id = /\/Refund\/(\d+)$/.exec(args.id)?.[1]
      for (const order of shop.orders.values()) {
        const r = order.refunds.find((x) => x.id === id)
        if (r) return refundNode(order, r)
      }
      return null
    },
    orders: (args: OrdersArgs) => {
      if (args.first == null && args.last == null) throw new Error('you must provide one of first or last')
      const size = (args.first ?? args.last)!
      if (size > 250) throw new Error('The maximum page size is 250.')
      const sortKey = args.sortKey ?? 'PROCESSED_AT'
      const search = parseSearch(args.query)
      warnings.push(...search.warnings)
      const all = sortOrders(
        [...shop.orders.values()].filter((o) => matches(o, search.terms)),
        sortKey,
        args.reverse === true,
      )
      const direction = args.reverse ? -1 : 1
      const cmp = (o: EmuOrder, c: {id: number; value: string | number}) => {
        const v = sortValue(sortKey, o)
        const byValue = v < c.value ? -1 : v > c.value ? 1 : 0
        return (byValue || Number(o.id) - c.id) * direction
      }
      let window = all
      if (args.after) {
        const c = decodeCursor(args.after)
        window = window.filter((o) => cmp(o, c) > 0)
      }
      if (args.before) {
        const c = decodeCursor(args.before)
        window = window.filter((o) => cmp(o, c) < 0)
      }
      const page =
        args.first != null ? window.slice(0, args.first) : window.slice(Math.max(0, window.length - size))
      const nodes = page.map(orderNode)
      const first = page[0]
      const last = page[page.length - 1]
      return {
        edges: page.map((o, i) => ({cursor: orderCursor(sortKey, o), node: nodes[i]})),
        nodes,
        pageInfo: {
          hasNextPage: args.first != null ? window.length > page.length : false,
          hasPreviousPage: args.last != null ? window.length > page.length : Boolean(args.after),
          startCursor: first ? orderCursor(sortKey, first) : null,
          endCursor: last ? orderCursor(sortKey, last) : null,
        },
      }
    },
  }
}
