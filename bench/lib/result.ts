/** One line of the Performance table. */
export interface Result {
  scenario: string
  database: 'sqlite' | 'postgres' | '-'
  figure: string
  baseline: string
  /** The figure as a ratio to the baseline (or the scenario's own scale, e.g. 10× nodes). */
  ratio: number | null
  target: string
  /** null: report only. */
  met: boolean | null
  note?: string
}
