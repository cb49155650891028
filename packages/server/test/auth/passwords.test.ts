import { describe, expect, it } from 'vitest'
import {
  generatePassword,
  hashPassword,
  passwordProblem,
  verifyDecoy,
  verifyPassword,
} from '../../src/auth/passwords.js'

describe('password hashing', () => {
  it('stores scrypt with its parameters and a per-user salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse')
    const b = await hashPassword('correct horse')
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('correct horse')
    expect(await verifyPassword('correct horse', a)).toBe(true)
    expect(await verifyPassword('correct horse', b)).toBe(true)
    expect(await verifyPassword('correct hors', a)).toBe(false)
  })

  it('treats a malformed, tampered or extravagant stored hash as a mismatch', async () => {
    const good = await hashPassword('password-1')
    expect(await verifyPassword('password-1', 'plain')).toBe(false)
    expect(await verifyPassword('password-1', good.replace('ln=15', 'ln=40'))).toBe(false)
    expect(await verifyPassword('password-1', `${good.slice(0, -4)}AAAA`)).toBe(false)
    expect(await verifyPassword('x'.repeat(2000), good)).toBe(false)
    expect(await verifyDecoy('password-1')).toBe(false)
  })

  it('generates long random passwords and rejects short ones', () => {
    const p = generatePassword()
    expect(p).toMatch(/^[\w-]{24}$/)
    expect(generatePassword()).not.toBe(p)
    expect(passwordProblem(p)).toBeUndefined()
    expect(passwordProblem('short')).toMatch(/at least 8/)
    expect(passwordProblem(' padded-password ')).toMatch(/whitespace/)
  })
})
