/** autocannon 9 ships no types; the bench uses only its promise API. */
declare module 'autocannon' {
  const autocannon: (options: Record<string, unknown>) => Promise<any>
  export default autocannon
}
