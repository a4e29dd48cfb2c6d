import { ArrowLeftOutlined, ShareAltOutlined } from '@ant-design/icons'
import { App as AntApp, Alert, Button, Card, Empty, Input, Select, Space, Spin, Tabs, Tag } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { classificationsFor } from '../../../core/directory/model'
import { readDocMeta, type DocMeta } from '../../../core/docflow/docMeta'
import { DOC_TYPES, URGENCIES } from '../../../core/docflow/docTypes'
import { UI } from '../../../core/messages/ui'
import { userColor } from '../../../core/sync/userColor'
import { ScreenWatermark } from '../shell/ScreenWatermark'
import type { Session } from '../../session'
import { useLiveQuery } from '../../store'
import { mayEdit, renditionOf } from '../../../core/docflow'
import { layoutDocument, sealPictureOf } from '../../../core/layout'
import { useDirectory, useDocView, useEngine, useRoom } from '../../sync/hooks'
import { FlowPanel } from '../flow/FlowPanel'
import { ProcessingForm } from '../flow/ProcessingForm'
import { TraceView } from '../flow/TraceView'
import { Attachments } from './Attachments'
import { LayoutFields } from './LayoutFields'
import { PageActions } from './PageActions'
import { PageView } from './PageView'
import { SealPanel, useAppliedSeals } from '../seals/SealPanel'
import { parseSignature } from '../../../core/seal/ses'
import { fromBase64 } from '../../../core/pki/der'

import { DocEditor } from './DocEditor'
import { OriginalBanner } from '../exchange/OriginalBanner'
import { ReceiptTable, useReceipts } from '../exchange/ReceiptTable'
import { Presence } from './Presence'
import { ShareModal } from './ShareModal'

function useMeta(doc: Y.Doc | undefined): DocMeta | null {
  const [meta, setMeta] = useState<DocMeta | null>(null)
  useEffect(() => {
    if (!doc) return
    const map = doc.getMap('meta')
    const read = (): void => setMeta(readDocMeta((k) => map.get(k)))
    read()
    map.observe(read)
    return () => map.unobserve(read)
  }, [doc])
  return meta
}

export function DocPage({ room, session, onBack }: { room: string; session: Session; onBack: () => void }): React.JSX.Element {
  const engine = useEngine()
  const { message } = AntApp.useApp()
  const row = useLiveQuery(() => engine.db.rooms.get(room), [engine, room])
  const entry = useRoom(room)
  const meta = useMeta(entry?.doc)
  const [sharing, setSharing] = useState(false)
  const directory = useDirectory()
  const view = useDocView(entry?.doc, directory.users, directory.units)
  const receipts = useReceipts(entry?.doc)
  const [tab, setTab] = useState('body')
  const applied = useAppliedSeals(entry?.doc)
  const rendition = useMemo(() => (view ? renditionOf(view.content, view.state, (id) => view.users.find((u) => u.id === id)?.name ?? id, view.original) : null), [view])
  const pages = useMemo(() => {
    if (!rendition || tab !== 'page') return null
    // seals applied at 用印, drawn over the 署名 as the PDF draws them
    const seals = applied.map((a) => parseSignature(fromBase64(a.der)).seal.info.picture).map(sealPictureOf)
    const perforation = seals[applied.findIndex((a) => a.perforation)]
    // a copy received by 分发 renders from the 正本's facts: the sender's 版式 exactly
    return layoutDocument(rendition, { seals, ...(perforation ? { perforation } : {}) })
  }, [rendition, tab, applied])

  if (row === undefined && !entry) return <Spin />
  if (row === null || (row === undefined && entry === null)) return <Empty description={UI.docs.notFound} />

  // the room's access allows writing, and the flow does too: 拟稿 (before it is sent), or a holder
  // of an editing step; never after 签发
  const accessWrites = row?.access === 'owner' || row?.access === 'write'
  const flowAllows = !view || (!view.state.frozen && !view.state.ended && (view.state.trail.length === 0 || mayEdit(view.state, session.user.id)))
  // the 正本 received by 分发 is never edited here (the relay refuses it too)
  const editable = !view?.original && flowAllows && (accessWrites || (!!view && mayEdit(view.state, session.user.id)))
  const setField = (key: keyof DocMeta, value: string): void => {
    if (editable) entry?.doc.getMap('meta').set(key, value)
  }
  const user = session.user
  return (
    <ScreenWatermark>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack}>{UI.docs.back}</Button>
          </Space>
        }
        extra={
          <Space>
            {entry && <Presence provider={entry.provider} />}
            {row?.access === 'owner' && !view?.original && (
              <Button icon={<ShareAltOutlined />} onClick={() => setSharing(true)} data-testid="share">
                {UI.docs.share}
              </Button>
            )}
          </Space>
        }
      >
        {view?.original && <OriginalBanner original={view.original} />}
        {view && <FlowPanel view={view} room={room} directory={directory} />}
        {receipts.length > 0 && <ReceiptTable receipts={receipts} />}
        {!editable && !view?.state.participants.includes(session.user.id) && <Alert type="info" showIcon title={UI.docs.readOnly} style={{ marginBottom: 16 }} />}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'body', label: <span data-testid="tab-body">{UI.tabs.body}</span> },
            ...(view?.state.kind === 'sealrequest' ? [] : [{ key: 'page', label: <span data-testid="tab-page">{UI.tabs.page}</span> }]),
            { key: 'form', label: <span data-testid="tab-form">{UI.tabs.form}</span> },
            ...(view?.state.kind === 'sealrequest' ? [] : [{ key: 'trace', label: <span data-testid="tab-trace">{UI.tabs.trace}</span> }]),
            { key: 'seals', label: <span data-testid="tab-seals">{UI.seal.tab}</span> },
          ]}
        />
        {tab === 'page' && pages && view && rendition && <PageActions source={{ engine, room, view, rendition, pages, applied }} />}
        {tab === 'page' && pages && <PageView model={pages} />}
        {tab === 'form' && view && <ProcessingForm view={view} />}
        {tab === 'trace' && view && entry && <TraceView doc={entry.doc} view={view} />}
        {tab === 'seals' && view && entry && <SealPanel doc={entry.doc} view={view} />}
        {tab !== 'body' ? null : !entry || !meta ? (
          <Spin />
        ) : (
          <div className="doc-sheet">
            <Space wrap size={16} className="doc-meta">
              <Space size={6}>
                <span className="doc-meta-label">{UI.docs.fieldType}</span>
                <Select size="small" value={meta.docType} disabled={!editable} onChange={(v) => setField('docType', v)} options={DOC_TYPES.map((t) => ({ value: t, label: t }))} style={{ width: 96 }} aria-label={UI.docs.fieldType} />
              </Space>
              <Space size={6}>
                <span className="doc-meta-label">{UI.docs.fieldClassification}</span>
                <Select size="small" value={meta.classification} disabled={!editable} onChange={(v) => setField('classification', v)} options={classificationsFor(session.user.clearance).map((t) => ({ value: t, label: t }))} style={{ width: 96 }} aria-label={UI.docs.fieldClassification} />
              </Space>
              <Space size={6}>
                <span className="doc-meta-label">{UI.docs.fieldUrgency}</span>
                <Select size="small" value={meta.urgency} disabled={!editable} onChange={(v) => setField('urgency', v)} options={URGENCIES.map((t) => ({ value: t, label: t }))} style={{ width: 96 }} aria-label={UI.docs.fieldUrgency} />
              </Space>
              {meta.urgency === '特急' && <Tag color="red">{meta.urgency}</Tag>}
            </Space>
            <Input.TextArea
              className="doc-title"
              variant="borderless"
              autoSize
              value={meta.title}
              readOnly={!editable}
              placeholder={UI.docs.fieldTitle}
              onChange={(e) => setField('title', e.target.value)}
              data-testid="doc-title"
            />
            <DocEditor doc={entry.doc} provider={entry.provider} editable={editable} user={{ name: user.name, color: userColor(user.id) }} />
            {view?.state.kind !== 'sealrequest' && <LayoutFields doc={entry.doc} editable={editable} />}
            <Attachments room={room} doc={entry.doc} editable={editable} />
          </div>
        )}
      </Card>
      <ShareModal
        open={sharing}
        exclude={user.id}
        onCancel={() => setSharing(false)}
        onShare={(username, access, name) => {
          setSharing(false)
          void engine.share(room, username, access).then(() => message.success(navigator.onLine ? UI.docs.shareDone(name) : UI.docs.shareQueued), () => message.error(UI.docs.signFailed))
        }}
      />
    </ScreenWatermark>
  )
}
