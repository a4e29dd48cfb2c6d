// Who else has this document open, from the room's awareness (identities stamped by the server).
import { Avatar, Tooltip } from 'antd'
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { UI } from '../../../core/messages/ui'

interface Peer {
  clientId: number
  name: string
  color: string
  unit?: string
}

export function Presence({ provider }: { provider: WebsocketProvider }): React.JSX.Element {
  const [peers, setPeers] = useState<Peer[]>([])
  useEffect(() => {
    const read = (): void => {
      const out: Peer[] = []
      provider.awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { name?: string; color?: string; unit?: string } }).user
        if (user?.name && clientId !== provider.awareness.clientID) out.push({ clientId, name: user.name, color: user.color ?? '#999', unit: user.unit })
      })
      setPeers(out)
    }
    read()
    provider.awareness.on('change', read)
    return () => provider.awareness.off('change', read)
  }, [provider])
  return (
    <Avatar.Group data-testid="presence">
      {peers.map((p) => (
        <Tooltip key={p.clientId} title={`${p.name}${p.unit ? ` · ${p.unit}` : ''} ${UI.docs.editing}`}>
          <Avatar style={{ backgroundColor: p.color }} data-testid="presence-peer">{p.name.slice(-1)}</Avatar>
        </Tooltip>
      ))}
    </Avatar.Group>
  )
}
