// Regenerates src/decode/schemas/bundled-data.ts, the bundled provider schema table, from the reference
// manifests (XML regenerated from TDH for Windows 7 7600 / Windows 10 17134 / 18990, the Windows 11 26H1
// field lists, and the message tables of the providers' message files).
//
//   node scripts/gen-schemas.mjs [path/to/reference/manifests]
//
// Default input: ../shared/reference/manifests next to the project. The output is committed, so a fresh
// clone needs no reference material; run this only to regenerate.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const refDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'reference', 'manifests'));
const outFile = join(root, 'src', 'decode', 'schemas', 'bundled-data.ts');
if (!existsSync(refDir)) {
  console.error(`gen-schemas: reference manifests not found at ${refDir}`);
  process.exit(66);
}

/** Providers to bundle: manifest/TSV base name, message file, message-id candidate order. */
const PROVIDERS = [
  { file: 'Microsoft-Windows-WebIO', messages: 'webio.dll' },
  { file: 'Microsoft-Windows-WinHttp', messages: 'winhttp.dll' },
  { file: 'Microsoft-Windows-WinINet', messages: 'wininet.dll' },
  { file: 'Microsoft-Windows-WinINet-Capture', messages: 'wininet.dll' },
  { file: 'Microsoft-Windows-NDIS-PacketCapture', messages: 'ndiscap.sys' },
  { file: 'Microsoft-Windows-PktMon', messages: 'pktmon.sys', guid: '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac' },
  { file: 'Microsoft-Windows-TCPIP', messages: 'tcpip.sys' },
  { file: 'Microsoft-Windows-Winsock-AFD', messages: 'afd.sys' },
  { file: 'Microsoft-Windows-Winsock-NameResolution', messages: null },
  { file: 'Microsoft-Windows-DNS-Client', messages: 'dnsapi.dll' },
  { file: 'Schannel', messages: 'lsasrv.dll', bareIdsFirst: true },
  { file: 'Microsoft-Windows-Schannel-Events', messages: 'schannel.dll' },
  { file: 'Microsoft-Windows-WinRM', messages: 'wsmres.dll' },
  { file: 'Microsoft-Windows-CAPI2', messages: 'crypt32.dll' },
];

/** XML folders, newest first: the newest template of an (id, version) wins (they should agree). */
const XML_DIRS = ['Manifests-Win10-18990', 'Manifests-Win10-17134', 'Manifests-Win7-7600'];

// The manifest `win:` types the bundled schemas carry; their numbers are the TDH enums of formats/etw_metadata.ksy
// (a `win:` name upper-cased is the enum member), read from the generated parser (`npm run build:formats`).
const etwMetadata = createRequire(import.meta.url)(join(root, 'build', 'formats', 'EtwMetadata.js')).EtwMetadata;
function winTypes(names, generated) {
  return Object.fromEntries(names.map((n) => {
    const value = generated[n.toUpperCase()];
    if (typeof value !== 'number') throw new Error(`gen-schemas: win:${n} is not in formats/etw_metadata.ksy`);
    return [`win:${n}`, value];
  }));
}
const IN_TYPES = winTypes(
  ['UnicodeString', 'AnsiString', 'Int8', 'UInt8', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64', 'Float', 'Double',
    'Boolean', 'Binary', 'GUID', 'Pointer', 'FILETIME', 'SYSTEMTIME', 'SID', 'HexInt32', 'HexInt64'],
  etwMetadata.TdhInType,
);
const OUT_TYPES = winTypes(
  ['SocketAddress', 'IPv4', 'IPv6', 'Port', 'HexInt32', 'HexInt64', 'Win32Error', 'NTSTATUS', 'HResult', 'PID', 'TID'],
  etwMetadata.TdhOutType,
);
const TSV_TYPES = Object.fromEntries(Object.entries(IN_TYPES).map(([k, v]) => [k.slice(4), v]));

const asArray = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

function parseXml(path) {
  const doc = parser.parse(readFileSync(path, 'utf8'));
  const man = doc.instrumentationManifest;
  const prov = asArray(man.instrumentation.events.provider)[0];
  const strings = new Map();
  for (const res of asArray(man.localization?.resources)) {
    for (const s of asArray(res.stringTable?.string)) strings.set(s.id, s.value);
  }
  const text = (ref) => {
    const m = /^\$\(string\.(.*)\)$/.exec(ref ?? '');
    return m ? strings.get(m[1]) ?? m[1] : ref ?? '';
  };
  const maps = {};
  for (const [kind, bitmap] of [['valueMap', false], ['bitMap', true]]) {
    for (const m of asArray(prov.maps?.[kind])) {
      maps[m.name] = { bitmap, entries: asArray(m.map).map((e) => [Number(e.value), text(e.message).trim()]) };
    }
  }
  const templates = new Map();
  for (const t of asArray(prov.templates?.template)) templates.set(t.tid, xmlFields(t));
  const events = [];
  for (const e of asArray(prov.events?.event)) {
    events.push({
      id: Number(e.value),
      version: Number(e.version ?? 0),
      symbol: e.symbol,
      fields: e.template ? templates.get(e.template) ?? [] : [],
    });
  }
  return { name: prov.name, guid: prov.guid.replace(/[{}]/g, '').toLowerCase(), maps, events };
}

/** Fields of a template or struct, in document order (fast-xml-parser groups by tag, so re-order by source). */
function xmlFields(node) {
  const fields = [];
  const items = [];
  for (const d of asArray(node.data)) items.push(d);
  for (const s of asArray(node.struct)) items.push({ ...s, isStruct: true });
  // No structs exist in these manifests; if one appears, its position is unknown after grouping.
  if (asArray(node.struct).length) throw new Error(`struct in template ${node.tid}: ordering unsupported`);
  for (const d of items) {
    const f = { n: d.name, t: IN_TYPES[d.inType] };
    if (f.t === undefined) throw new Error(`unknown inType ${d.inType} in ${node.tid}`);
    if (d.outType && OUT_TYPES[d.outType]) f.o = OUT_TYPES[d.outType];
    if (d.length !== undefined) f.l = /^\d+$/.test(d.length) ? Number(d.length) : d.length;
    if (d.count !== undefined) f.c = /^\d+$/.test(d.count) ? Number(d.count) : d.count;
    if (d.map) f.m = d.map;
    fields.push(f);
  }
  return fields;
}

/** `Symbol(Type Name, Type Name …)` from the 26H1 TSV. */
function parseTsvSymbol(s) {
  const m = /^([^(]*)\((.*)\)$/.exec(s.trim());
  if (!m) return undefined;
  const fields = [];
  for (const part of m[2].split(',').map((x) => x.trim()).filter(Boolean)) {
    const sp = part.indexOf(' ');
    const type = part.slice(0, sp);
    const t = TSV_TYPES[type];
    if (t === undefined) return undefined;
    fields.push({ n: part.slice(sp + 1), t });
  }
  return { symbol: m[1], fields };
}

function parseTsv(path) {
  if (!existsSync(path)) return [];
  const rows = readFileSync(path, 'utf8').split('\n').slice(1).filter(Boolean);
  const out = [];
  for (const row of rows) {
    const c = row.split('\t');
    const p = parseTsvSymbol(c[3] ?? '');
    if (!p) {
      console.warn(`gen-schemas: ${path}: cannot read fields of ${c[1]} v${c[2]}: ${c[3]}`);
      continue;
    }
    out.push({ id: Number(c[1]), version: Number(c[2]), symbol: p.symbol, fields: p.fields });
  }
  return out;
}

const isLengthName = (n) => /(Length|Len|Size|Bytes|Count|Cb)$/i.test(n);
const isInt = (t) => t >= 3 && t <= 10;

/**
 * A TSV-only template lacks length attributes: take them from an XML template of the same event
 * (or any event of the provider) that has the same field name with a length, else from naming:
 * `_XLength`/`XLength`/`XSize` before X, or the nearest earlier integer named like a length (binary only).
 */
function inferLengths(fields, known) {
  const names = new Set();
  for (const f of fields) {
    if (f.t === 14 || f.t === 1 || f.t === 2) {
      const fromXml = known.get(f.n);
      if (fromXml !== undefined && (typeof fromXml === 'number' || names.has(fromXml))) f.l = fromXml;
      else {
        const cands = [`_${f.n}Length`, `${f.n}Length`, `${f.n}Len`, `${f.n}Size`, `${f.n}_Length`];
        const byName = cands.find((c) => names.has(c));
        if (byName) f.l = byName;
        else if (f.t === 14) {
          // The nearest earlier integer named like a length (e.g. one AddressLength for Local/RemoteAddress).
          const before = fields.slice(0, fields.indexOf(f)).reverse();
          const len = before.find((p) => isInt(p.t) && isLengthName(p.n));
          if (len) f.l = len.n;
        }
      }
    }
    names.add(f.n);
  }
}

/**
 * Sizes and out-types the field lists lost: MAC addresses (6 bytes) and raw 16-byte IPv6 addresses listed as
 * Binary without a length,
 * and UInt32 `…IpAddress` fields (IPv4 in network order, as the embedded PktMon schemas declare them).
 */
function fixUnsizedBinary(fields) {
  for (const f of fields) {
    if (f.t === 8 && /(IpAddress\d*|IP)$/.test(f.n) && f.o === undefined) f.o = 23;
    if (f.t !== 14 || f.l !== undefined) continue;
    if (/(Mac(Address)?\d*|MAC)$/.test(f.n)) {
      f.l = 6; // MAC addresses (PktMon filters; the embedded PktMon schemas give length 6)
      f.o = 15;
    } else if (/(Address\d*|IP)$/.test(f.n)) {
      f.l = 16;
      f.o = 24;
    }
  }
}

function loadMessages(dll) {
  if (!dll) return [];
  const path = join(refDir, 'libyal-winevt-kb-message-files', `MessageFile-${dll}.md`);
  if (!existsSync(path)) return [];
  const sections = [];
  let cur;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('### ')) {
      cur = new Map();
      sections.push(cur);
      continue;
    }
    const m = /^0x([0-9a-f]{8}) \| (.*)$/i.exec(line);
    if (m && cur) {
      const text = m[2].replace(/(\\r\\n)+$/, '').replace(/\\r\\n/g, '\n').replace(/\\\|/g, '|');
      cur.set(parseInt(m[1], 16) >>> 0, text);
    }
  }
  return sections.reverse(); // newest build first
}

function messageFor(sections, id, version, bareFirst) {
  const cands = [
    (0xb0000000 | (version << 16) | id) >>> 0,
    (0xb0000000 | id) >>> 0,
    (0xb1000000 | (version << 16) | id) >>> 0,
    id >>> 0,
  ];
  if (bareFirst) cands.unshift(cands.pop());
  for (const c of cands) {
    for (const s of sections) if (s.has(c)) return s.get(c);
  }
  return undefined;
}

const providersOut = [];
let eventTotal = 0;
for (const spec of PROVIDERS) {
  const xmls = XML_DIRS.map((d) => join(refDir, 'repnz-etw-providers-docs', d, `${spec.file}.xml`))
    .filter(existsSync)
    .map(parseXml);
  const tsv = parseTsv(join(refDir, 'jdu2600-Windows10EtwEvents-26H1', `${spec.file}.tsv`));
  const guid = spec.guid ?? xmls[0]?.guid;
  const name = xmls[0]?.name ?? spec.file;
  if (!guid) throw new Error(`no GUID for ${spec.file}`);

  const maps = {};
  for (const x of [...xmls].reverse()) Object.assign(maps, x.maps); // newest wins
  // (id, version) → its templates, newest first. Builds sometimes changed a template without a new version
  // (e.g. NDIS 1001 v0 gained the Gft fields): the decoder tries them in order.
  const byKey = new Map();
  const lengthsByEvent = new Map(); // id → field name → length attribute
  const lengthsAny = new Map();
  const shape = (fields) => JSON.stringify(fields.map((f) => [f.n, f.t]));
  const add = (e, fields, front) => {
    const key = `${e.id}/${e.version}`;
    if (!byKey.has(key)) byKey.set(key, { id: e.id, version: e.version, symbol: e.symbol, variants: [] });
    const entry = byKey.get(key);
    if (entry.variants.some((v) => shape(v) === shape(fields))) return;
    if (front) entry.variants.unshift(fields);
    else entry.variants.push(fields);
  };
  for (const x of xmls) {
    for (const e of x.events) {
      for (const f of e.fields) {
        if (f.l === undefined) continue;
        if (!lengthsByEvent.has(e.id)) lengthsByEvent.set(e.id, new Map());
        if (!lengthsByEvent.get(e.id).has(f.n)) lengthsByEvent.get(e.id).set(f.n, f.l);
        if (!lengthsAny.has(f.n)) lengthsAny.set(f.n, f.l);
      }
      add(e, e.fields.map((f) => ({ ...f })), false);
    }
  }
  for (const e of tsv) {
    const known = new Map([...lengthsAny, ...(lengthsByEvent.get(e.id) ?? new Map())]);
    inferLengths(e.fields, known);
    add(e, e.fields, true);
  }
  const sections = loadMessages(spec.messages);
  const templates = [];
  const templateIndex = new Map();
  const messages = [];
  const messageIndex = new Map();
  const events = [];
  for (const e of [...byKey.values()].sort((a, b) => a.id - b.id || a.version - b.version)) {
    const tis = e.variants.map((fields) => {
      fixUnsizedBinary(fields);
      const tkey = JSON.stringify(fields);
      if (!templateIndex.has(tkey)) {
        templateIndex.set(tkey, templates.length);
        templates.push(fields);
      }
      return templateIndex.get(tkey);
    });
    const msg = messageFor(sections, e.id, e.version, spec.bareIdsFirst);
    let mi = -1;
    if (msg !== undefined) {
      if (!messageIndex.has(msg)) {
        messageIndex.set(msg, messages.length);
        messages.push(msg);
      }
      mi = messageIndex.get(msg);
    }
    events.push([e.id, e.version, tis.length === 1 ? tis[0] : tis, e.symbol ?? '', mi]);
  }
  // Keep only the maps some field uses.
  const used = new Set(templates.flat().map((f) => f.m).filter(Boolean));
  const keptMaps = Object.fromEntries(Object.entries(maps).filter(([k]) => used.has(k)));
  providersOut.push({ guid, name, maps: keptMaps, templates, events, messages });
  eventTotal += events.length;
  console.log(`gen-schemas: ${name}: ${events.length} event versions, ${templates.length} templates, ${messages.length} messages`);
}

const json = JSON.stringify({ version: 1, providers: providersOut });
const banner =
  '// Generated by scripts/gen-schemas.mjs from the reference manifests (TDH-regenerated XML for Windows 7 7600,\n' +
  '// Windows 10 17134 and 18990, Windows 11 26H1 field lists, message tables). Do not edit; regenerate.\n' +
  '// Layout: providers[] {guid, name, maps{name: {bitmap, entries[[value, text]]}}, templates[[field]],\n' +
  '// events[[id, version, templateIndex | templateIndex[] (newest first), symbol, messageIndex | -1]], messages[]}; field = {n name, t in-type,\n' +
  '// o out-type, l length (number or field name), c count (number or field name), m map name}.\n';
writeFileSync(outFile, `${banner}export const BUNDLED_SCHEMAS_JSON = ${JSON.stringify(json)};\n`);
console.log(`gen-schemas: ${eventTotal} event versions, ${(json.length / 1024).toFixed(0)} KiB → ${outFile}`);
