// Choose people from the 通讯录: name · unit · 职务, those with the suggested role first.
import { Select } from 'antd'
import { useMemo } from 'react'
import type { DirectoryUser, Role, Unit } from '../../../core/directory/model'
import { UI } from '../../../core/messages/ui'

export function PeoplePicker({ users, units, value, onChange, multiple = true, prefer, exclude, testId }: {
  users: readonly DirectoryUser[]
  units: readonly Unit[]
  value?: string[]
  onChange?: (ids: string[]) => void
  multiple?: boolean
  prefer?: Role
  exclude?: string
  testId?: string
}): React.JSX.Element {
  const options = useMemo(() => {
    const unitName = new Map(units.map((u) => [u.id, u.name]))
    return [...users]
      .filter((u) => u.id !== exclude)
      .sort((a, b) => Number(prefer ? !b.roles.includes(prefer) : 0) - Number(prefer ? !a.roles.includes(prefer) : 0) || a.name.localeCompare(b.name, 'zh'))
      .map((u) => ({ value: u.id, label: `${u.name} · ${unitName.get(u.unitId) ?? ''} · ${u.title}` }))
  }, [users, units, prefer, exclude])
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? value : value?.[0]}
      onChange={(v: string | string[]) => onChange?.(Array.isArray(v) ? v : v ? [v] : [])}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={UI.flow.pickPeople}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  )
}
