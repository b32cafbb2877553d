import {
  type GraphQLField,
  type GraphQLNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql'

import {shopifySchema} from './schema.js'

/** Differences between the emulator's subset and the published schema, one sentence each. */
export function compareWithPublished(published: GraphQLSchema, subset: GraphQLSchema = shopifySchema()) {
  const problems: string[] = []
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    const theirs = published.getType(type.name === 'QueryRoot' ? queryName(published) : type.name)
    if (!theirs) {
      problems.push(`type ${type.name} is not in the published schema`)
      continue
    }
    if (kind(type) !== kind(theirs)) {
      problems.push(`${type.name} is a ${kind(type)} here and a ${kind(theirs)} there`)
      continue
    }
    if (isEnumType(type) && isEnumType(theirs)) {
      const values = new Set(theirs.getValues().map((v) => v.name))
      for (const v of type.getValues())
        if (!values.has(v.name)) problems.push(`${type.name}.${v.name} is not a published value`)
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      const fields = theirs.getFields()
      for (const field of Object.values(type.getFields())) {
        const other = fields[field.name] as GraphQLField<unknown, unknown> | undefined
        if (!other) {
          problems.push(`${type.name}.${field.name} is not a published field`)
          continue
        }
        if (String(field.type) !== String(other.type))
          problems.push(`${type.name}.${field.name}: ${String(field.type)} here, ${String(other.type)} there`)
        for (const arg of field.args) {
          const theirArg = other.args.find((a) => a.name === arg.name)
          if (!theirArg) problems.push(`${type.name}.${field.name}(${arg.name}) is not a published argument`)
          else if (String(arg.type) !== String(theirArg.type))
            problems.push(
              `${type.name}.${field.name}(${arg.name}): ${String(arg.type)} here, ${String(theirArg.type)} there`,
            )
        }
      }
    }
  }
  return problems
}

function queryName(schema: GraphQLSchema): string {
  return schema.getQueryType()?.name ?? 'QueryRoot'
}

function kind(type: GraphQLNamedType): string {
  return type.constructor.name
}
