/**
 * Nailgun has one tenant, `admin`, as Fuel's Keystone had for its operators. Clients name it in
 * their scope (fuelclient sends `tenantName: "admin"`); a request without a scope gets it too,
 * since there is nothing else to choose.
 */
import { authErrors } from '../auth-errors.js'

export interface Project {
  id: string
  name: string
}

export interface ProjectRef {
  id?: string
  name?: string
}

export const DEFAULT_DOMAIN = Object.freeze({ id: 'default', name: 'Default' })

export const ADMIN_PROJECT: Project = Object.freeze({ id: 'admin', name: 'admin' })

const PROJECTS: readonly Project[] = [ADMIN_PROJECT]

/** The project a token request asks for; 401 (as Keystone answers) when it does not exist. */
export function resolveProject(ref: ProjectRef | undefined): Project {
  if (!ref || (ref.id === undefined && ref.name === undefined)) return ADMIN_PROJECT
  const found = PROJECTS.find(
    (p) => (ref.id === undefined || p.id === ref.id) && (ref.name === undefined || p.name === ref.name),
  )
  if (!found) throw authErrors.unknownProject()
  return found
}

/** The project stored with a token, by name. */
export function projectNamed(name: string): Project {
  return PROJECTS.find((p) => p.name === name) ?? { id: name, name }
}
