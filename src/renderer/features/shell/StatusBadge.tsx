import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, WarningOutlined } from '@ant-design/icons'
import { Tag, Tooltip } from 'antd'
import { UI } from '../../../core/messages/ui'
import { useSyncStatus } from '../../sync/hooks'

/** 在线 / 离线 / 同步中 n 项, with what it means on hover. */
export function StatusBadge(): React.JSX.Element {
  const { online, pending, storageFull } = useSyncStatus()
  if (online && storageFull && pending > 0) {
    return (
      <Tooltip title={UI.status.tooltipStorageFull}>
        <Tag icon={<WarningOutlined />} color="error" data-testid="sync-status">
          {UI.status.storageFull(pending)}
        </Tag>
      </Tooltip>
    )
  }
  if (!online) {
    return (
      <Tooltip title={UI.status.tooltipOffline}>
        <Tag icon={<DisconnectOutlined />} color="default" data-testid="sync-status">
          {pending > 0 ? UI.status.offlinePending(pending) : UI.status.offline}
        </Tag>
      </Tooltip>
    )
  }
  if (pending > 0) {
    return (
      <Tooltip title={UI.status.tooltipSyncing}>
        <Tag icon={<CloudSyncOutlined spin />} color="processing" data-testid="sync-status">
          {UI.status.syncing(pending)}
        </Tag>
      </Tooltip>
    )
  }
  return (
    <Tooltip title={UI.status.tooltipOnline}>
      <Tag icon={<CloudOutlined />} color="success" data-testid="sync-status">
        {UI.status.online}
      </Tag>
    </Tooltip>
  )
}
