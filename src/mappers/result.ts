import type {QboEntity} from '../domain/entities.js'

/** Something that stops a record from going to QBO, with what the user can do about it. */
export interface Issue {
  code: string
  message: string
  fix: string
}

/** A workaround the tool applied to a record, for the decisions register (one per code per record). */
export interface Decision {
  code: string
  message: string
  detail: Record<string, unknown>
}

/**
 * What a list record or document already in QBO means for this record: adopt that QBO record instead of
 * creating one, or skip the record (with the QBO Id it stands for, when there is one).
 */
export type Disposition =
  {action: 'adopt'; qboId: string; reason: string} | {action: 'skip'; reason: string; qboId?: string}

export interface MapResult {
  entity: QboEntity
  sourceId: string
  payload?: Record<string, unknown>
  issues: Issue[]
  decisions: Decision[]
  disposition?: Disposition
}

export function issue(code: string, message: string, fix: string): Issue {
  return {code, message, fix}
}

export function decision(code: string, message: string, detail: Record<string, unknown> = {}): Decision {
  return {code, message, detail}
}

/** Collects issues and decisions while a mapper builds its payload. */
export class Notes {
  readonly issues: Issue[] = []
  readonly decisions: Decision[] = []

  block(code: string, message: string, fix: string): void {
    this.issues.push(issue(code, message, fix))
  }

  /** Records a decision once per code: a second call with the same code merges its detail into a list. */
  decide(code: string, message: string, detail: Record<string, unknown> = {}): void {
    const existing = this.decisions.find((d) => d.code === code)
    if (!existing) {
      this.decisions.push(decision(code, message, detail))
      return
    }
    const more = (existing.detail.more as unknown[] | undefined) ?? []
    existing.detail = {...existing.detail, more: [...more, detail]}
  }

  result(entity: QboEntity, sourceId: string, payload?: Record<string, unknown>): MapResult {
    return {
      entity,
      sourceId,
      issues: this.issues,
      decisions: this.decisions,
      ...(payload && this.issues.length === 0 ? {payload} : {}),
    }
  }
}
