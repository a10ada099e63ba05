// Schannel: the System-log provider (36xxx: credential errors, alerts, negotiated version, certificate errors)
// and Microsoft-Windows-Schannel-Events (1793 DeleteSecurityContext with the target name).
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { codeField, numberField, pointerField, stringField, toNumber } from './fields.js';
import { processHint } from './kernel-process.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

const HANDLED = new Set([36870, 36871, 36873, 36874, 36876, 36880, 36881, 36882, 36883, 36884, 36887, 36888]);

/** Server-certificate failures Schannel reports itself: id → what went wrong. */
const CERT_FAILURES: Readonly<Record<number, string>> = {
  36876: 'The certificate received from the remote server has not validated correctly.',
  36881: 'The certificate received from the remote server has either expired or is not yet valid.',
  36882: 'The certificate received from the remote server was issued by an untrusted certificate authority.',
  36883: 'The certificate received from the remote server has been revoked.',
  36884: 'The certificate received from the remote server does not contain the expected name.',
};

function fromMessage(ev: TraceEvent, re: RegExp): string | undefined {
  return re.exec(ev.message ?? '')?.[1];
}

export const schannel: ProviderModule = {
  name: 'Schannel',
  guids: [PROVIDER_GUIDS.schannelWpp],
  aliases: ['Microsoft-Windows-Schannel', 'SChannel'],
  ids: HANDLED,
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const id = ev.id;
      if (!HANDLED.has(id)) return [];
      const f = ev.fields;
      const b = base(ev, ref);
      const alert =
        id === 36887 || id === 36888
          ? (numberField(f, 'AlertDesc') ?? toNumber(fromMessage(ev, /alert (?:code is|was received:|was generated:)\s*(\d+)/i) ?? fromMessage(ev, /fatal (?:alert|error) code is (\d+)/i)))
          : undefined;
      const errorState =
        numberField(f, ['ErrorState', 'ErrorStatus']) ??
        toNumber(fromMessage(ev, /(?:internal error state is|SChannel error state is)\s*(\d+)/i));
      const targetName = stringField(f, 'TargetName', 'Name') ?? fromMessage(ev, /Target name:\s*(\S+)/);
      const protocol = id === 36880 ? (stringField(f, 'Protocol') ?? fromMessage(ev, /Protocol version:\s*(.+?)\s*(?:\n|CipherSuite|$)/)) : undefined;
      const cipherSuite = id === 36880 ? (numberField(f, 'CipherSuite') ?? toNumber(fromMessage(ev, /CipherSuite:\s*(\S+)/))) : undefined;
      const credentialType = stringField(f, 'Type');
      const errorCode = codeField(f, 'ErrorCode') ?? (id === 36876 ? codeField({ e: fromMessage(ev, /error code is (\S+?)\.?\s/) ?? '' }, 'e') : undefined);
      const contextHandle = pointerField(f, 'ContextHandle');
      const out: Observation[] = [
        {
          kind: 'schannel',
          ...b,
          id,
          text: ref.text,
          ...(alert !== undefined ? { alert } : {}),
          ...(errorState !== undefined ? { errorState } : {}),
          ...(targetName !== undefined ? { targetName } : {}),
          ...(protocol !== undefined ? { protocol } : {}),
          ...(cipherSuite !== undefined ? { cipherSuite } : {}),
          ...(credentialType !== undefined ? { credentialType } : {}),
          ...(errorCode !== undefined ? { errorCode } : {}),
          ...(contextHandle !== undefined ? { contextHandle } : {}),
        },
      ];
      const certFailure = CERT_FAILURES[id];
      if (certFailure !== undefined) {
        out.push({
          kind: 'cert_validation',
          ...b,
          texts: [certFailure],
          ...(errorCode !== undefined ? { error: errorCode } : {}),
          ...(id === 36884 && targetName !== undefined ? { host: targetName } : {}),
        });
      }
      const callerPid = numberField(f, 'CallerProcessId');
      const hint = processHint(ev, ref, stringField(f, 'CallerProcessImageName'), stringField(f, 'CallerProcessImageName'), callerPid ?? -1);
      if (hint) out.push(hint);
      return out;
    };
  },
};

export const schannelEvents: ProviderModule = {
  name: 'Microsoft-Windows-Schannel-Events',
  guids: [PROVIDER_GUIDS.schannelEvents],
  ids: new Set([1793]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      if (ev.id !== 1793) return [];
      const targetName = stringField(ev.fields, 'TargetName') ?? fromMessage(ev, /Target name:\s*(\S+)/);
      if (targetName === undefined) return [];
      const contextHandle = pointerField(ev.fields, 'ContextHandle');
      return [
        {
          kind: 'schannel',
          ...base(ev, ref),
          id: ev.id,
          text: ref.text,
          targetName,
          ...(contextHandle !== undefined ? { contextHandle } : {}),
        },
      ];
    };
  },
};
