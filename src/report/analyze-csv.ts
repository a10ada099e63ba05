// `analyze --format csv`: one row per connection, the JSON connection fields flattened (lists joined with `;`).
import type { AnalysisResult } from '../pipeline/index.js';
import { connectionRecord } from './analyze-json.js';
import { toCsv } from './csv.js';

export const ANALYZE_CSV_COLUMNS = [
  'id',
  'first_seen',
  'last_seen',
  'pid',
  'process',
  'client_stack',
  'server_name',
  'remote_ip',
  'remote_port',
  'local_port',
  'destination_class',
  'packets',
  'packet_appearances',
  'winhttp_enabled_protocols',
  'app_secure_protocols',
  'client_offered_versions',
  'server_selected_version',
  'cipher',
  'alert',
  'alert_from',
  'established',
  'reset_by',
  'winhttp_errors',
  'truncated',
  'outcome',
  'finding_codes',
] as const;

export function renderAnalyzeCsv(r: AnalysisResult, cipherName: (id: number) => string): string {
  return toCsv(
    ANALYZE_CSV_COLUMNS,
    r.connections.map((c) => connectionRecord(c, cipherName)),
  );
}
