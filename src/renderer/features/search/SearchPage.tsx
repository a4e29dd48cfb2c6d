// 全文搜索: every match, ranked, with the matches marked, filtered by kind, date and 密级.
import { Card, DatePicker, Empty, Input, List, Segmented, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { CLEARANCE_LEVELS, type Clearance } from '../../../core/directory/model'
import { UI } from '../../../core/messages/ui'
import type { SearchFilters, SearchKind } from '../../../core/search'
import { ResultTags } from './labels'
import { Marked } from './Marked'
import type { FoundItem } from './protocol'
import { useSearchResults } from './useSearch'

export function SearchPage({ initialQuery, onOpen }: { initialQuery: string; onOpen: (item: FoundItem) => void }): React.JSX.Element {
  const [query, setQuery] = useState(initialQuery)
  const [kind, setKind] = useState<SearchKind | 'all'>('all')
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [levels, setLevels] = useState<Clearance[]>([])
  const filters = useMemo<SearchFilters>(() => ({
    ...(kind !== 'all' ? { kinds: [kind] } : {}),
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
    ...(levels.length ? { classifications: levels } : {}),
  }), [kind, range, levels])
  const { found, failed } = useSearchResults(query, filters, 200)
  return (
    <Card title={UI.search.title}>
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Input.Search value={query} onChange={(e) => setQuery(e.target.value)} placeholder={UI.search.placeholder} allowClear size="large" data-testid="search-page-query" />
        <Space wrap>
          <Segmented<SearchKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[{ value: 'all', label: UI.search.allKinds }, ...(['doc', 'meeting', 'record'] as const).map((k) => ({ value: k, label: UI.search.kinds[k] }))]}
            data-testid="search-kind"
          />
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} placeholder={UI.search.dateRange} allowEmpty={[true, true]} data-testid="search-dates" />
          <Select<Clearance[]> mode="multiple" allowClear value={levels} onChange={setLevels} placeholder={UI.search.classification} style={{ minWidth: 160 }} options={CLEARANCE_LEVELS.map((c) => ({ value: c, label: c }))} data-testid="search-levels" />
        </Space>
        {failed && <Typography.Text type="danger">{UI.search.failed}</Typography.Text>}
        {!query.trim() ? (
          <Typography.Text type="secondary">{UI.search.typeToSearch}</Typography.Text>
        ) : found && found.total === 0 ? (
          <Empty description={<><div>{UI.search.none}</div><Typography.Text type="secondary">{UI.search.noneHint}</Typography.Text></>} data-testid="search-empty" />
        ) : found ? (
          <>
            <Typography.Text type="secondary" data-testid="search-total">{UI.search.total(found.total, found.indexed)}</Typography.Text>
            <List<FoundItem>
              dataSource={found.items}
              data-testid="search-results"
              pagination={found.items.length > 20 ? { pageSize: 20, size: 'small' } : false}
              renderItem={(item) => (
                <List.Item key={item.id} onClick={() => onOpen(item)} style={{ cursor: 'pointer' }} data-testid="search-result">
                  <List.Item.Meta
                    title={<Space size={8} wrap><Typography.Link><Marked value={item.title} /></Typography.Link><ResultTags item={item} /></Space>}
                    description={item.excerpt ? <span style={{ lineHeight: 1.7 }}><Marked value={item.excerpt} /></span> : null}
                  />
                </List.Item>
              )}
            />
          </>
        ) : null}
      </Space>
    </Card>
  )
}
