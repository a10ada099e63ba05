// MS-XCA "Plain LZ77" (COMPRESSION_FORMAT_XPRESS) encoder: greedy matching over a 3-byte hash, offsets ≤ 8192.
// Buffers compressed this way decode with any conforming plain-LZ77 decoder (MS-XCA §2.3.4 encoding rules).

const MAX_OFFSET = 8192;
const MIN_MATCH = 3;
const HASH_BITS = 14;

export function xpressCompress(input: Uint8Array): Uint8Array {
  const out = Buffer.alloc(input.length + Math.ceil(input.length / 32) * 4 + 64);
  let op = 0;
  let flags = 0;
  let flagCount = 0;
  let flagPos = op;
  op += 4;
  let nibblePos = -1;
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const hash = (i: number) => (((input[i]! << 16) | (input[i + 1]! << 8) | input[i + 2]!) * 2654435761) >>> (32 - HASH_BITS);

  const pushFlag = (bit: number) => {
    flags = ((flags << 1) | bit) >>> 0;
    flagCount++;
    if (flagCount === 32) {
      out.writeUInt32LE(flags, flagPos);
      flagCount = 0;
      flags = 0;
      flagPos = op;
      op += 4;
    }
  };

  let ip = 0;
  while (ip < input.length) {
    let matchLen = 0;
    let matchOff = 0;
    if (ip + MIN_MATCH <= input.length) {
      const h = hash(ip);
      const cand = head[h]!;
      head[h] = ip;
      if (cand >= 0 && ip - cand <= MAX_OFFSET) {
        let l = 0;
        const max = input.length - ip;
        while (l < max && input[cand + l] === input[ip + l]) l++;
        if (l >= MIN_MATCH) {
          matchLen = l;
          matchOff = ip - cand;
        }
      }
    }
    if (matchLen === 0) {
      out[op++] = input[ip]!;
      pushFlag(0);
      ip++;
      continue;
    }
    // Encode the match.
    let len = matchLen - 3;
    const offField = (matchOff - 1) << 3;
    if (len < 7) {
      out.writeUInt16LE(offField | len, op);
      op += 2;
    } else {
      out.writeUInt16LE(offField | 7, op);
      op += 2;
      len -= 7;
      const nib = Math.min(len, 15);
      if (nibblePos < 0) {
        nibblePos = op;
        out[op++] = nib;
      } else {
        out[nibblePos] = out[nibblePos]! | (nib << 4);
        nibblePos = -1;
      }
      if (len >= 15) {
        len -= 15;
        if (len < 255) {
          out[op++] = len;
        } else {
          out[op++] = 255;
          len += 7 + 15;
          if (len < 0x10000) {
            out.writeUInt16LE(len, op);
            op += 2;
          } else {
            out.writeUInt16LE(0, op);
            op += 2;
            out.writeUInt32LE(len, op);
            op += 4;
          }
        }
      }
    }
    pushFlag(1);
    // Index the positions the match covered so later data can refer to them.
    const end = ip + matchLen;
    for (let j = ip + 1; j < end && j + MIN_MATCH <= input.length; j++) head[hash(j)] = j;
    ip = end;
  }
  // Unused flag bits are set, as the reference encoder does.
  const rest = 32 - flagCount;
  const last = rest === 32 ? 0xffffffff : (((flags << rest) >>> 0) | ((1 << rest) - 1)) >>> 0;
  out.writeUInt32LE(last >>> 0, flagPos);
  return new Uint8Array(out.subarray(0, op));
}
