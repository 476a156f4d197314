import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KmsFake } from '../../kmsFake';

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** Answers the dashboard's pages and JSON (GET `/` and `/dashboard/...`); false when the request is not for it. */
export function createDashboard(_kms: KmsFake): DashboardHandler {
  return () => false;
}
