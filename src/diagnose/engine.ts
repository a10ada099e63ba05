// Runs the catalog over the correlated connections: one finding per code, with every connection it concerns.
// The input is not changed: the connections come back as copies that carry their finding codes.
import type { Connection } from '../correlate/types.js';
import { HEALTHY_OUTCOMES } from '../correlate/outcome.js';
import { connectionRelevance } from '../correlate/relevance.js';
import type { EvidenceRef } from '../providers/observations.js';
import type { Finding, Severity, Verdict } from './types.js';
import type { TraceContext } from './context.js';
import { CATALOG, type ConnectionRule, type FindingCode, type TraceRule } from './catalog.js';

type CatalogRule = ConnectionRule<FindingCode> | TraceRule<FindingCode>;

const MAX_EVIDENCE_PER_FINDING = 24;
const MAX_CONNECTIONS_QUOTED = 5;

export interface Diagnosis {
  verdict: Verdict;
  findings: Finding[];
  /** The context's connections, each a copy with the codes of the findings about it. */
  connections: Connection[];
}

export function diagnose(input: TraceContext, catalog: readonly CatalogRule[] = CATALOG): Diagnosis {
  // The rules read the codes given so far (a later rule defers to an earlier one): they run on the copies.
  const connections = input.connections.map((c) => ({ ...c, findingCodes: [...c.findingCodes] }));
  const ctx: TraceContext = { ...input, connections };
  const findings: Finding[] = [];
  const connRules = catalog.filter((r): r is ConnectionRule<FindingCode> => r.scope === 'connection');
  const traceRules = catalog.filter((r): r is TraceRule<FindingCode> => r.scope === 'trace');
  const errorCodes = new Set<string>(connRules.filter((r) => r.severity === 'error').map((r) => r.code));

  for (const pass of [false, true]) {
    for (const rule of connRules) {
      if ((rule.fallback ?? false) !== pass) continue;
      const eligible = pass ? ctx.connections.filter((c) => !c.findingCodes.some((f) => errorCodes.has(f))) : ctx.connections;
      const matched = eligible.filter((c) => rule.when(c, ctx));
      if (!matched.length) continue;
      for (const c of matched) c.findingCodes.push(rule.code);
      // One finding per kind of destination: the explanation and the fix for a Microsoft 365 endpoint are not
      // those for a loopback proxy or a host on the LAN. The most relevant connection leads each group.
      for (const group of byDestination(matched)) {
        findings.push({
          code: rule.code,
          severity: rule.severity,
          kind: rule.kind,
          title: rule.title,
          explanation: rule.explain(group, ctx),
          evidence: connectionEvidence(group, rule),
          remediation: rule.remediation(group, ctx),
          connections: group.map((c) => c.id),
        });
      }
    }
  }
  for (const rule of traceRules) {
    const m = rule.match(ctx);
    if (!m) continue;
    for (const c of m.connections) if (!c.findingCodes.includes(rule.code)) c.findingCodes.push(rule.code);
    const finding: Finding = {
      code: rule.code,
      severity: rule.severityOf?.(m, ctx) ?? rule.severity,
      kind: rule.kind,
      title: rule.title,
      explanation: rule.explain(m, ctx),
      evidence: dedupe(m.evidence).slice(0, MAX_EVIDENCE_PER_FINDING),
      remediation: rule.remediation(m, ctx),
      connections: m.connections.map((c) => c.id),
    };
    if (rule.headline) finding.headline = rule.headline(m, ctx);
    findings.push(finding);
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const kindOrder = { cause: 0, note: 1, gap: 2 } as const;
  const rank = new Map(catalog.map((r, i) => [r.code, i]));
  // The verdict leads with the failure that explains the user's problem (a Microsoft 365 connection, the process
  // that reported an error); background failures follow, still listed.
  const byId = new Map(ctx.connections.map((c) => [c.id, c]));
  const relevance = (f: Finding) => Math.min(BACKGROUND, ...f.connections.map((id) => connectionRelevance(byId.get(id)!)));
  const findingRelevance = new Map(findings.map((f) => [f, f.connections.length ? relevance(f) : 0]));
  findings.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      kindOrder[a.kind ?? 'cause'] - kindOrder[b.kind ?? 'cause'] ||
      findingRelevance.get(a)! - findingRelevance.get(b)! ||
      rank.get(a.code)! - rank.get(b.code)!,
  );
  return { findings, verdict: verdictOf(findings, connections), connections };
}

export function verdictOf(findings: Finding[], connections: Connection[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'failure';
  if (connections.some((c) => HEALTHY_OUTCOMES.has(c.outcome))) return 'ok';
  return 'inconclusive';
}

/** Least relevant rank a finding can have (no connection ranks lower). */
const BACKGROUND = 99;

/** Connections grouped by destination class, most relevant group and connection first. */
function byDestination(cs: Connection[]): Connection[][] {
  const groups = new Map<string, Connection[]>();
  const sorted = [...cs].sort((a, b) => connectionRelevance(a) - connectionRelevance(b) || a.id - b.id);
  for (const c of sorted) {
    const k = c.destinationClass ?? 'internet';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(c);
  }
  return [...groups.values()];
}

function connectionEvidence(cs: Connection[], rule: ConnectionRule<FindingCode>): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  for (const c of cs.slice(0, MAX_CONNECTIONS_QUOTED)) {
    for (const k of rule.evidence) {
      const r = c.keyEvidence?.get(k);
      if (r) out.push(r);
    }
  }
  return dedupe(out)
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
    .slice(0, MAX_EVIDENCE_PER_FINDING);
}

function dedupe(refs: EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.time}|${r.source}|${r.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
