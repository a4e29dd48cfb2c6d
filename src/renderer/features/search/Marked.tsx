// Text with the stretches a search matched marked.
import type { Excerpt } from '../../../core/search'

const MARK: React.CSSProperties = { background: '#fff1b8', color: 'inherit', padding: '0 1px', borderRadius: 2 }

export function Marked({ value }: { value: Excerpt }): React.JSX.Element {
  const parts: React.ReactNode[] = []
  let at = 0
  value.ranges.forEach(([a, b], i) => {
    if (a > at) parts.push(value.text.slice(at, a))
    parts.push(<mark key={i} style={MARK}>{value.text.slice(a, b)}</mark>)
    at = b
  })
  if (at < value.text.length) parts.push(value.text.slice(at))
  return <>{parts}</>
}
