import type {DocumentLine, TrackingCategory} from '../domain/canonical.js'
import {findByName, nameKey, refTo, type MappingContext} from './context.js'
import type {Ref} from './refs.js'
import {Notes, type MapResult} from './result.js'

export type TrackingEntity = 'Class' | 'Department'

/**
 * Where a tracking category's options go. The user decides per category; by default the first category
 * becomes QBO Classes and the second Departments (QBO has one of each per line/transaction, Xero allows two
 * categories), and any further category is not migrated.
 */
export function trackingTarget(ctx: MappingContext, category: string): TrackingEntity | null {
  const o = ctx.overrides.tracking
  if (o && category in o) return o[category] ?? null
  const index = ctx.source.trackingCategories.findIndex((c) => nameKey(c.name) === nameKey(category))
  return index === 0 ? 'Class' : index === 1 ? 'Department' : null
}

export const trackingSourceId = (category: string, option: string) => `${category}/${option}`

function cleanName(name: string): string {
  return name.replace(/:/g, '-').trim().slice(0, 100)
}

export function mapTrackingOption(
  category: TrackingCategory,
  option: TrackingCategory['options'][number],
  entity: TrackingEntity,
  ctx: MappingContext,
): MapResult {
  const notes = new Notes()
  const sourceId = trackingSourceId(category.name, option.name)
  let name = cleanName(option.name)
  // The same option name in two categories that land in the same QBO list would collide.
  const clash = ctx.source.trackingCategories.some(
    (c) =>
      c.name !== category.name &&
      trackingTarget(ctx, c.name) === entity &&
      c.options.some((o) => nameKey(o.name) === nameKey(option.name)),
  )
  if (clash) {
    name = cleanName(`${option.name} (${category.name})`)
    notes.decide('TRACKING_RENAMED', `named "${name}": another category has an option of the same name`, {
      category: category.name,
      option: option.name,
    })
  }
  if (name !== option.name && !clash)
    notes.decide('TRACKING_RENAMED', `named "${name}"`, {option: option.name})
  const list = entity === 'Class' ? ctx.target.classes : ctx.target.departments
  const existing = findByName(list, (x) => x.Name, name)
  if (existing) {
    return {
      ...notes.result(entity, sourceId),
      disposition: {action: 'adopt', qboId: existing.Id, reason: `QBO ${entity} "${existing.Name}" exists`},
    }
  }
  return notes.result(entity, sourceId, {Name: name})
}

/** Class (per line) and Department (per transaction) references for a line's tracking. */
export function trackingRefs(
  ctx: MappingContext,
  tracking: DocumentLine['tracking'],
  notes: Notes,
): {classRef?: Ref; departmentRef?: Ref; departmentKey?: string} {
  const out: {classRef?: Ref; departmentRef?: Ref; departmentKey?: string} = {}
  for (const t of tracking) {
    const target = trackingTarget(ctx, t.category)
    const id = trackingSourceId(t.category, t.option)
    if (target === 'Class' && !out.classRef) out.classRef = refTo(ctx, 'Class', id)
    else if (target === 'Department' && !out.departmentRef) {
      out.departmentRef = refTo(ctx, 'Department', id)
      out.departmentKey = id
    } else {
      notes.decide(
        'TRACKING_DROPPED',
        `tracking "${t.category}: ${t.option}" not migrated (no QBO place for it)`,
        {
          category: t.category,
          option: t.option,
        },
      )
    }
  }
  return out
}
