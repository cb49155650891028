/**
 * Password hashing with scrypt (node:crypto). The stored string is self-describing
 * (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, PHC style), so the work factor can be raised later
 * without invalidating existing users: verification always uses the parameters stored with the hash.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * N=2^15, r=8, p=3 is one of OWASP's minimum scrypt configurations. It costs ~230 ms here but only
 * 32 MiB per hash, where N=2^17 would need 128 MiB for each concurrent login.
 */
const DEFAULT_PARAMS = { ln: 15, r: 8, p: 3 } as const
const KEY_LENGTH = 32
const SALT_LENGTH = 16
/** Bounds for parameters read back from the database, so a corrupt row cannot exhaust memory. */
const MAX_LN = 20
const MAX_R = 16
const MAX_P = 16

export const MIN_PASSWORD_LENGTH = 8
/** Longer inputs are refused before hashing: nobody types them, and they only cost CPU. */
export const MAX_PASSWORD_LENGTH = 1024

interface ScryptParams {
  ln: number
  r: number
  p: number
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default maxmem (32 MiB) is exactly that for our N and r, with no headroom.
  const maxmem = 2 * 128 * 2 ** params.ln * params.r
  const options: ScryptOptions = { N: 2 ** params.ln, r: params.r, p: params.p, maxmem }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await deriveKey(password, salt, DEFAULT_PARAMS, KEY_LENGTH)
  const { ln, r, p } = DEFAULT_PARAMS
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

interface ParsedHash {
  params: ScryptParams
  salt: Buffer
  key: Buffer
}

function parseHash(stored: string): ParsedHash | undefined {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/.exec(stored)
  if (!match) return undefined
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (ln < 1 || ln > MAX_LN || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return undefined
  const key = Buffer.from(match[5]!, 'base64url')
  if (key.length < 16) return undefined
  return { params: { ln, r, p }, salt: Buffer.from(match[4]!, 'base64url'), key }
}

/** True when the password matches the stored hash. The comparison takes constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed || password.length > MAX_PASSWORD_LENGTH) return false
  const key = await deriveKey(password, parsed.salt, parsed.params, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}

/**
 * A hash of a random password, checked when the user name is unknown so that a failed login
 * takes as long for a missing user as for a wrong password (no user enumeration by timing).
 */
let decoy: Promise<string> | undefined
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(password, await decoy)
  return false
}

/** A random password for humans to copy: 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

/** Why the password is unacceptable, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`
  if (password.trim() !== password) return 'must not start or end with whitespace'
  return undefined
}
