// The agency CA's keys in the database (zt_ca), so every process sharing it signs with one root.
// When several start at once on an empty database, the first INSERT wins and all use its keys.
import type pg from 'pg'
import type { CaKeyEntry, CaKeyStore } from '../ca/AgencyCa'

export function postgresCaKeys(pool: pg.Pool): CaKeyStore {
  const load = async (name: string): Promise<CaKeyEntry | undefined> => {
    const { rows } = await pool.query<CaKeyEntry>('SELECT key, cert FROM zt_ca WHERE name = $1', [name])
    return rows[0]
  }
  return {
    load,
    async saveOnce(name, entry) {
      await pool.query('INSERT INTO zt_ca (name, key, cert) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, entry.key, entry.cert])
      return (await load(name))!
    },
    async replaceKey(name, expected, key) {
      // only if no other process has sealed it meanwhile
      await pool.query('UPDATE zt_ca SET key = $3 WHERE name = $1 AND key = $2', [name, expected, key])
    },
  }
}
