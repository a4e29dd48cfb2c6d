// The header's search box: results drop down as one types (title and excerpt with the matches
// marked), Enter or 查看全部 opens the results page. Nothing is searched while an input method is
// still composing (the pinyin is not the query).
import { SearchOutlined } from '@ant-design/icons'
import { AutoComplete, Input, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { ResultTags } from './labels'
import { Marked } from './Marked'
import type { FoundItem } from './protocol'
import { useSearchFeedRunning, useSearchResults } from './useSearch'

const SHOWN = 8
const ALL = '\u0000all'

export function SearchBox({ onOpen, onShowAll }: { onOpen: (item: FoundItem) => void; onShowAll: (query: string) => void }): React.JSX.Element {
  useSearchFeedRunning()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const composing = useRef(false)
  const input = useRef<InputRef>(null)
  const [open, setOpen] = useState(false)
  const done = (): void => {
    setOpen(false)
    setText('')
    setQuery('')
    input.current?.blur()
  }
  const { found } = useSearchResults(query, undefined, SHOWN)
  const items = found?.query === query.trim() ? found.items : []
  const options = [
    ...items.map((item) => ({
      value: item.id,
      label: (
        <div style={{ padding: '2px 0', whiteSpace: 'normal' }} data-testid="search-option">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Typography.Text strong ellipsis style={{ maxWidth: 330 }}><Marked value={item.title} /></Typography.Text>
            <ResultTags item={item} />
          </div>
          {item.excerpt && <div style={{ color: 'rgba(0, 0, 0, 0.55)', fontSize: 12, lineHeight: 1.6 }}><Marked value={item.excerpt} /></div>}
        </div>
      ),
    })),
    ...(found && query.trim() ? [{ value: ALL, label: <Typography.Link data-testid="search-show-all">{found.total ? UI.search.showAll(found.total) : UI.search.none}</Typography.Link> }] : []),
  ]
  return (
    <AutoComplete
      value={text}
      options={options}
      popupMatchSelectWidth={520}
      defaultActiveFirstOption={false}
      open={open && !!query.trim() && options.length > 0}
      onOpenChange={setOpen}
      style={{ width: 300 }}
      onChange={(v: string) => {
        if (v === ALL || items.some((i) => i.id === v)) return
        setText(v)
        setOpen(true)
        if (!composing.current) setQuery(v)
      }}
      onSelect={(v: string) => {
        if (v === ALL) onShowAll(query)
        else {
          const item = items.find((i) => i.id === v)
          if (item) onOpen(item)
        }
        done()
      }}
    >
      <Input
        ref={input}
        prefix={<SearchOutlined />}
        allowClear
        placeholder={UI.search.placeholder}
        data-testid="search-box"
        onCompositionStart={() => { composing.current = true }}
        onCompositionEnd={(e) => {
          composing.current = false
          setQuery(e.currentTarget.value)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim() && !composing.current && !document.querySelector('.ant-select-item-option-active')) {
            onShowAll(text)
            done()
          }
        }}
      />
    </AutoComplete>
  )
}
