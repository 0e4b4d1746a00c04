/** What a handler answers (a module of its own: the router and the long-running operations both use it). */
export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
