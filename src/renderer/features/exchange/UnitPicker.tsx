// Choose receiving units for 分发 (公文交换): each with its 收发员; a unit without one cannot be chosen.
import { Select } from 'antd'
import type { DirectoryUser, Unit } from '../../../core/directory/model'
import { UI } from '../../../core/messages/ui'

/** The units a 主送 / 抄送 text names (by name), for preselecting them. */
export function unitsNamedIn(text: string, units: readonly Unit[]): string[] {
  return units.filter((u) => u.registrars?.length && text.includes(u.name)).map((u) => u.id)
}

export function UnitPicker({ units, users, value, onChange, exclude, testId }: {
  units: readonly Unit[]
  users: readonly DirectoryUser[]
  value?: string[]
  onChange: (ids: string[]) => void
  exclude?: readonly string[]
  testId: string
}): React.JSX.Element {
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  const options = [...units]
    .sort((a, b) => a.order - b.order)
    .filter((u) => !exclude?.includes(u.id))
    .map((u) => ({
      value: u.id,
      disabled: !u.registrars?.length,
      label: `${u.name} · ${u.registrars?.length ? `${UI.units.colRegistrars} ${u.registrars.map(name).join('、')}` : UI.exchange.noRegistrar}`,
    }))
  return <Select mode="multiple" value={value} onChange={onChange} options={options} showSearch={{ optionFilterProp: 'label' }} data-testid={testId} style={{ width: '100%' }} />
}
