import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  valueFromASTUntyped,
} from 'graphql'

/**
 * Shopify's calculated query cost (docs: "GraphQL Admin API rate limits"): a scalar or enum field costs 0, an
 * object 1, a connection 2 plus its page size times the cost of one node, a list taken `first` at a time
 * that many times its element. An interface or union costs the most expensive of its selections. The
 * requested cost sizes every page by its `first`/`last`; the actual cost by what came back.
 */
export interface QueryCost {
  requested: number
  actual: number
}

interface Walk {
  schema: GraphQLSchema
  fragments: Map<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  data: unknown,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)
  const root = schema.getQueryType()
  if (!op || op.kind !== Kind.OPERATION_DEFINITION || !root) return {requested: 0, actual: 0}
  const walk: Walk = {schema, fragments, variables}
  return {
    requested: selectionCost(walk, op.selectionSet, root, undefined),
    actual: data === undefined ? 0 : selectionCost(walk, op.selectionSet, root, data),
  }
}

/** The fields a selection set asks of `type`, fragments spread (alias → field node). */
function fieldsOf(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType): FieldNode[] {
  const out: FieldNode[] = []
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s)
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (!s.typeCondition || appliesTo(walk, s.typeCondition.name.value, type))
        out.push(...fieldsOf(walk, s.selectionSet, type))
    } else {
      const f = walk.fragments.get(s.name.value)
      if (f && appliesTo(walk, f.typeCondition.name.value, type))
        out.push(...fieldsOf(walk, f.selectionSet, type))
    }
  }
  return out
}

function appliesTo(walk: Walk, condition: string, type: GraphQLCompositeType): boolean {
  if (condition === type.name) return true
  const cond = walk.schema.getType(condition)
  if (!cond || !isCompositeType(cond)) return false
  if (isObjectType(type) && (isInterfaceType(cond) || isUnionType(cond)))
    return walk.schema.isSubType(cond, type)
  return isInterfaceType(type) || isUnionType(type)
}

function argValue(walk: Walk, field: FieldNode, name: string): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name)
  return arg ? valueFromASTUntyped(arg.value, walk.variables) : undefined
}

function selectionCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, data: unknown): number {
  if (isInterfaceType(type) || isUnionType(type)) {
    // The most expensive of the possible types (for actual cost: the type that came back).
    const typename = (data as {__typename?: string} | undefined)?.__typename
    const types = walk.schema.getPossibleTypes(type).filter((t) => !typename || t.name === typename)
    return Math.max(0, ...types.map((t) => objectFieldsCost(walk, set, t, data)))
  }
  return objectFieldsCost(walk, set, type, data)
}

function objectFieldsCost(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  data: unknown,
): number {
  if (!isObjectType(type) && !isInterfaceType(type)) return 0
  let cost = 0
  for (const field of fieldsOf(walk, set, type)) {
    const def = type.getFields()[field.name.value]
    if (!def || !field.selectionSet) continue
    const named = getNamedType(def.type)
    if (!isCompositeType(named)) continue
    const value =
      data === undefined
        ? undefined
        : (data as Record<string, unknown>)[field.alias?.value ?? field.name.value]
    if (data !== undefined && (value === null || value === undefined)) continue
    const size = Number(argValue(walk, field, 'first') ?? argValue(walk, field, 'last') ?? 1)
    if (named.name.endsWith('Connection')) {
      cost += 2 + connectionNodesCost(walk, field.selectionSet, named, size, value)
    } else if (Array.isArray(value) || (data === undefined && String(def.type).startsWith('['))) {
      const items = data === undefined ? Array.from({length: size}, () => undefined) : (value as unknown[])
      for (const item of items) cost += 1 + selectionCost(walk, field.selectionSet, named, item)
    } else cost += 1 + selectionCost(walk, field.selectionSet, named, value)
  }
  return cost
}

/** `size` nodes of a connection, whether asked for through `edges { node }` or `nodes`. */
function connectionNodesCost(
  walk: Walk,
  set: SelectionSetNode,
  connection: GraphQLCompositeType,
  size: number,
  value: unknown,
): number {
  if (!isObjectType(connection)) return 0
  const fields = connection.getFields()
  const nodeType = getNamedType(fields.nodes?.type ?? fields.edges!.type)
  let perNode = 0
  const returned =
    value === undefined
      ? size
      : (
          (value as {nodes?: unknown[]; edges?: unknown[]}).nodes ??
          (value as {edges?: unknown[]}).edges ??
          []
        ).length
  let actual = 0
  for (const f of fieldsOf(walk, set, connection)) {
    if (!f.selectionSet) continue
    if (f.name.value === 'nodes' && isCompositeType(nodeType)) {
      const nodes =
        value === undefined ? undefined : (value as Record<string, unknown[]>)[f.alias?.value ?? 'nodes']
      perNode += value === undefined ? 1 + selectionCost(walk, f.selectionSet, nodeType, undefined) : 0
      if (nodes) for (const n of nodes) actual += 1 + selectionCost(walk, f.selectionSet, nodeType, n)
    } else if (f.name.value === 'edges') {
      const edgeType = getNamedType(fields.edges!.type)
      if (!isObjectType(edgeType)) continue
      for (const e of fieldsOf(walk, f.selectionSet, edgeType)) {
        if (e.name.value !== 'node' || !e.selectionSet || !isCompositeType(nodeType)) continue
        const edges =
          value === undefined
            ? undefined
            : (value as Record<string, {node?: unknown}[]>)[f.alias?.value ?? 'edges']
        perNode += value === undefined ? 1 + selectionCost(walk, e.selectionSet, nodeType, undefined) : 0
        if (edges) for (const x of edges) actual += 1 + selectionCost(walk, e.selectionSet, nodeType, x.node)
      }
    }
  }
  return value === undefined ? size * perNode : returned === 0 ? 0 : actual
}
