// The 处理单 on screen: every step action — who (「代」 for a delegate), when, what, the opinion,
// handwritten opinions as ink — and the route as a timeline.
import { Empty, Image, Steps, Table, Typography } from 'antd'
import { ACTION_NAMES, stepName, type DocView, type FlowRecord } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'

export function ProcessingForm({ view }: { view: DocView }): React.JSX.Element {
  const { state } = view
  const name = (id: string): string => view.users.find((u) => u.id === id)?.name ?? id
  const records = state.records.filter((r) => r.action !== 'open')
  const route = [...state.trail, state.visit]
  return (
    <div data-testid="processing-form">
      <Typography.Title level={5}>{UI.form.route}</Typography.Title>
      <Steps
        size="small"
        current={state.ended ? route.length : route.length - 1}
        style={{ marginBottom: 16, overflowX: 'auto' }}
        items={route.map((v) => ({
          title: stepName(state.kind, v.step),
          description: v.duties.map((d) => name(d.user)).join('、') || undefined,
        }))}
      />
      {records.length === 0 ? (
        <Empty description={UI.form.empty} />
      ) : (
        <Table<FlowRecord>
          rowKey="seq"
          size="small"
          pagination={false}
          dataSource={records}
          columns={[
            { title: UI.form.step, width: 90, render: (_, r) => stepName(state.kind, r.step) },
            { title: UI.form.who, width: 130, render: (_, r) => `${name(r.actor)}${r.onBehalfOf ? UI.form.onBehalf(name(r.onBehalfOf)) : ''}` },
            { title: UI.form.when, width: 170, render: (_, r) => formatDateTime(new Date(r.at)) },
            { title: UI.form.action, width: 90, render: (_, r) => ACTION_NAMES[r.action] ?? r.action },
            {
              title: UI.flow.opinion,
              render: (_, r) => (
                <div>
                  {r.opinion && <div className="form-opinion">{r.opinion}</div>}
                  {r.ink && <Image src={r.ink.png} alt={UI.flow.handwriting} height={60} preview={false} className="ink-image" />}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  )
}
