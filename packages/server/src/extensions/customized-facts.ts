/**
 * Facts the user replaced by hand are not the pipelines' to change (the seed: data "does not
 * include nodes data which was defined by User"). They are taken out before the pipelines run and
 * put back afterwards at their original positions. Pure functions, no I/O.
 * @module
 */

export interface SetAside<T> {
  kept: T[]
  /** The removed items with the index each had. */
  removed: Array<{ index: number; item: T }>
}

export function setAside<T>(items: readonly T[], isCustomized: (item: T) => boolean): SetAside<T> {
  const kept: T[] = []
  const removed: SetAside<T>['removed'] = []
  items.forEach((item, index) => {
    if (isCustomized(item)) removed.push({ index, item })
    else kept.push(item)
  })
  return { kept, removed }
}

/** Puts the removed items back where they were (after everything when the list got shorter). */
export function putBack<T>(items: readonly T[], removed: SetAside<T>['removed']): T[] {
  const result = [...items]
  for (const { index, item } of removed) result.splice(Math.min(index, result.length), 0, item)
  return result
}
