// A scenario as `netsh trace stop` / pktmon would leave it after relogging with compression: LoggerName
// "Relogger", LogFileMode 0x4010001, layout 2.0, every data buffer XPRESS-compressed.
import type { Scenario } from './scenario.js';

export function compressedVariant(base: Scenario, name: string): Scenario {
  return {
    ...base,
    name,
    title: `${base.title} (relogged, XPRESS-compressed buffers)`,
    diagnosis: `Same trace as ${base.name}.etl with compressed buffers; the analysis must be identical.`,
    build() {
      const tb = base.build();
      tb.spec.compress = true;
      tb.spec.loggerName = 'Relogger';
      return tb;
    },
  };
}
