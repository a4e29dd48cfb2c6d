// 修改痕迹: the changes between any two versions (step boundaries, and the text as it is now),
// each insertion underlined and each deletion struck through in its author's colour, with names.
import { Empty, Select, Space, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { stepName, traceChanges, traceText, type DocVersion, type DocView, type StepId } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { userColor } from '../../../core/sync/userColor'
import { formatDateTime } from '../../../core/text/formatDate'
import { useDocValue } from '../../sync/hooks'

const readVersions = (doc: Y.Doc): DocVersion[] => doc.getArray<DocVersion>('versions').toArray()
const NO_VERSIONS: DocVersion[] = []

export function TraceView({ doc, view }: { doc: Y.Doc; view: DocView }): React.JSX.Element {
  const versions = useDocValue(doc, readVersions, NO_VERSIONS)
  const name = (id: string): string => view.users.find((u) => u.id === id)?.name ?? id
  // points to compare: each version, then the text as it is now (index = versions.length)
  const [from, setFrom] = useState(0)
  const [to, setTo] = useState<number | null>(null)
  const end = to ?? versions.length
  const spans = useMemo(() => {
    if (!versions.length) return []
    const texts = [...versions.map((v) => ({ actor: v.actor, text: traceText(v.content) })), { actor: '', text: traceText(view.content) }]
    const start = Math.min(from, end)
    // the change into version i+1 is the work of the handler who closed step i+1
    return traceChanges(texts[start]!.text, texts.slice(start + 1, end + 1).map((t, k) => ({ actor: versions[start + 1 + k]?.actor ?? t.actor, text: t.text })))
  }, [versions, view.content, from, end])

  if (!versions.length) return <Empty description={UI.trace.none} />
  const options = [
    ...versions.map((v, i) => ({ value: i, label: UI.trace.version(stepName(view.state.kind, v.step as StepId), name(v.actor), formatDateTime(new Date(v.at))) })),
    { value: versions.length, label: UI.trace.current },
  ]
  const authors = [...new Set(spans.flatMap((s) => [s.insertedBy, s.deletedBy]).filter((a): a is string => !!a))]
  return (
    <div data-testid="trace-view">
      <Space wrap style={{ marginBottom: 12 }}>
        <span className="doc-meta-label">{UI.trace.from}</span>
        <Select value={from} onChange={setFrom} options={options.slice(0, -1)} style={{ width: 280 }} />
        <span className="doc-meta-label">{UI.trace.to}</span>
        <Select value={end} onChange={setTo} options={options} style={{ width: 280 }} />
        {authors.map((a) => <Tag key={a} color={userColor(a)}>{name(a)}</Tag>)}
      </Space>
      <div className="trace-text">
        {spans.map((s, i) => {
          const who = s.deletedBy ?? s.insertedBy
          if (!who) return <span key={i}>{s.text}</span>
          const colour = userColor(who)
          const title = [s.insertedBy && UI.trace.inserted(name(s.insertedBy)), s.deletedBy && UI.trace.deleted(name(s.deletedBy))].filter(Boolean).join('；')
          return (
            <span key={i} title={title} className={s.deletedBy ? 'trace-del' : 'trace-ins'} style={{ color: colour, textDecorationColor: colour }} data-author={name(who)}>
              {s.text}
            </span>
          )
        })}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{UI.trace.legend}</Typography.Paragraph>
    </div>
  )
}
