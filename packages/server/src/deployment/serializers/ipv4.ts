/** IPv4 arithmetic on 32-bit unsigned integers: enough for address plans, no dependency. */
import { errors } from '../../errors.js'

export interface Cidr {
  /** Network address. */
  base: number
  prefix: number
}

export function parseIpv4(text: string): number {
  const parts = text.trim().split('.')
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN))
  if (octets.length !== 4 || octets.some((o) => Number.isNaN(o) || o > 255)) {
    throw errors.invalidData(`'${text}' is not an IPv4 address`)
  }
  return octets.reduce((acc, o) => acc * 256 + o, 0)
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

export function parseCidr(text: string): Cidr {
  const [address, bits] = text.split('/')
  const prefix = Number(bits)
  if (address === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw errors.invalidData(`'${text}' is not an IPv4 CIDR`)
  }
  const size = 2 ** (32 - prefix)
  return { base: Math.floor(parseIpv4(address) / size) * size, prefix }
}

export function netmask(prefix: number): string {
  return formatIpv4(2 ** 32 - 2 ** (32 - prefix))
}

/** First and last usable host of a network (without the network and broadcast addresses). */
export function hostBounds(cidr: Cidr): [number, number] {
  const size = 2 ** (32 - cidr.prefix)
  if (size <= 2) return [cidr.base, cidr.base + size - 1]
  return [cidr.base + 1, cidr.base + size - 2]
}
