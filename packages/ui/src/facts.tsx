/** The generated deployment and provisioning facts (`/orchestrator/<kind>/defaults`), shown and downloadable. */
import { useState } from 'preact/hooks'
import { errorText, get, type Json } from './api.ts'
import { downloadJson } from './format.ts'

type Kind = 'deployment' | 'provisioning'

export function Facts({ clusterId, clusterName }: { clusterId: number; clusterName: string }) {
  const [kind, setKind] = useState<Kind | null>(null)
  const [facts, setFacts] = useState<Json>(null)
  const [error, setError] = useState('')
  const load = async (k: Kind) => {
    setKind(k)
    setFacts(null)
    setError('')
    try {
      setFacts(await get(`/clusters/${clusterId}/orchestrator/${k}/defaults`))
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <div class="facts">
      <div class="buttons">
        <button type="button" aria-pressed={kind === 'deployment'} onClick={() => load('deployment')}>
          Deployment facts
        </button>
        <button type="button" aria-pressed={kind === 'provisioning'} onClick={() => load('provisioning')}>
          Provisioning facts
        </button>
        {facts !== null && kind && (
          <button
            type="button"
            class="primary"
            onClick={() => downloadJson(`${clusterName}-${kind}-facts.json`, facts)}
          >
            Download JSON
          </button>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {facts !== null && (
        <section aria-label={`${kind} facts`}>
          {/* Chromium and Firefox make a scrollable <pre> keyboard-focusable by themselves. */}
          <pre class="json">{JSON.stringify(facts, null, 2)}</pre>
        </section>
      )}
    </div>
  )
}
