/** Small helpers around the node slice's transactions. */
import type { NailgunError } from '@nailgun/extensions'
import { isUniqueViolation } from '../../db/dialect.js'

/**
 * Turns a unique-index violation (a MAC or NIC MAC taken by a concurrent request between our
 * check and our write) into the 409 the check would have given; other errors pass through.
 */
export async function conflictOnDuplicate<T>(operation: Promise<T>, conflict: () => NailgunError): Promise<T> {
  try {
    return await operation
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict()
    throw error
  }
}
