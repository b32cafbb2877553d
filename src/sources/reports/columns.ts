/** A report header cell as compared: lower case, punctuation dropped, spaces collapsed ("YTD Debit" -> "ytd debit"). */
export const headerKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9<>+% ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** The index of the first header cell whose key is one of `names`, or -1. */
export function columnOf(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(headerKey(h)))
}
