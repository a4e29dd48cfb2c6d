// The API client as every CLI command makes it: over node:http, which Node has at hand, rather than
// the fetch it loads on first use.
import { ApiClient } from '../../core/api/ApiClient'
import { nodeFetch } from './nodeFetch'

export function apiClient(server: string, token: string | null = null): ApiClient {
  return new ApiClient(server, token, { fetch: nodeFetch })
}
