// 通知公告: what administrators announce, read by everyone (offline from the last sync). An
// administrator posts and withdraws with a signed command; the server writes the room.
import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Form, Input, List, Modal, Switch, Tag, Typography } from 'antd'
import { useState } from 'react'
import { BULLETIN_ROOM, mayPost, type Announcement } from '../../../core/bulletin/model'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { useBulletin, useEngine } from '../../sync/hooks'
import { useCommandFeedback } from '../shell/useCommandFeedback'

export function BulletinPanel({ limit, onMore }: { limit?: number; onMore?: () => void }): React.JSX.Element {
  const engine = useEngine()
  const posts = useBulletin()
  const track = useCommandFeedback()
  const admin = mayPost(engine.session.user.roles)
  const [posting, setPosting] = useState(false)
  const [open, setOpen] = useState<Announcement | null>(null)
  const [form] = Form.useForm<{ title: string; body: string; pinned?: boolean }>()
  const shown = limit ? posts.slice(0, limit) : posts
  const post = (): void => {
    void form.validateFields().then((f) => {
      const acted = engine.act('bulletin.post', BULLETIN_ROOM, { title: f.title.trim(), body: f.body ?? '', ...(f.pinned ? { pinned: true } : {}) })
      track(acted, UI.workbench.posted)
      void acted.then(() => {
        setPosting(false)
        form.resetFields()
      }, () => undefined)
    })
  }
  return (
    <Card
      size="small"
      title={UI.workbench.bulletin}
      data-testid="bulletin"
      extra={<>
        {admin && <Button size="small" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="bulletin-post">{UI.workbench.post}</Button>}
        {onMore && posts.length > (limit ?? 0) && <Button size="small" type="link" onClick={onMore}>{UI.workbench.viewAll}</Button>}
      </>}
    >
      {shown.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={UI.workbench.noBulletin} /> : (
        <List
          size="small"
          dataSource={shown}
          renderItem={(p) => (
            <List.Item
              data-testid={`bulletin-item-${p.title}`}
              actions={admin ? [<Button key="w" size="small" type="link" danger onClick={() => track(engine.act('bulletin.withdraw', BULLETIN_ROOM, { id: p.id }), UI.workbench.withdrawn)}>{UI.workbench.withdraw}</Button>] : []}
            >
              <div style={{ minWidth: 0 }}>
                {p.pinned && <Tag color="red">{UI.workbench.pinned}</Tag>}
                <Typography.Link onClick={() => setOpen(p)}>{p.title}</Typography.Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.byName} · {formatDateTime(new Date(p.at))}</Typography.Text></div>
                {!limit && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 6, marginBottom: 0 }}>{p.body}</Typography.Paragraph>}
              </div>
            </List.Item>
          )}
        />
      )}
      <Modal open={!!open} title={open?.title} footer={null} onCancel={() => setOpen(null)}>
        <Typography.Text type="secondary">{open?.byName} · {open ? formatDateTime(new Date(open.at)) : ''}</Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{open?.body}</Typography.Paragraph>
      </Modal>
      <Modal open={posting} title={UI.workbench.post} onCancel={() => setPosting(false)} onOk={post} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="title" label={UI.workbench.postTitle} rules={[{ required: true, whitespace: true, message: UI.meetings.required }, { max: 100 }]}><Input data-testid="bulletin-title" /></Form.Item>
          <Form.Item name="body" label={UI.workbench.postBody} rules={[{ max: 4000 }]}><Input.TextArea rows={5} data-testid="bulletin-body" /></Form.Item>
          <Form.Item name="pinned" label={UI.workbench.pinned} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
