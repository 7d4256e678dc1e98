// The file format both caches use (compiled lexicons, knowledge records): an 8-byte magic naming the
// kind of file, a 32-byte key (the hash of what the payload was made from), the CRC-32 and the byte
// length of the payload (u32 LE each), then the payload. The header is 48 bytes, so the payload starts
// 8-byte aligned for typed-array views. Written beside and renamed into place: a reader never sees
// half a file, and two writers never mix theirs.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

const KEY_BYTES = 32;
const headerBytes = (magic: Buffer) => magic.length + KEY_BYTES + 8;

/** The payload of `bytes` when they are a sound file of this magic and key, else why not. */
export function unframe(bytes: Buffer, magic: Buffer, key: Buffer, staleNote: string): { payload: Buffer } | { note: string } {
  if (bytes.length < headerBytes(magic) || !bytes.subarray(0, magic.length).equals(magic)) return { note: 'damaged (not a cache file)' };
  if (!bytes.subarray(magic.length, magic.length + KEY_BYTES).equals(key)) return { note: staleNote };
  const crc = bytes.readUInt32LE(magic.length + KEY_BYTES);
  const length = bytes.readUInt32LE(magic.length + KEY_BYTES + 4);
  const payload = bytes.subarray(headerBytes(magic));
  if (payload.length !== length || crc32(payload) !== crc) return { note: 'damaged (checksum)' };
  return { payload };
}

/** Optional file modes: a cache whose records count as validated is kept to its owner. */
export interface FrameModes {
  dir?: number;
  file?: number;
}

/** Writes the framed payload; undefined when written, else a note why not (nothing half-written stays). */
export function writeFramed(file: string, magic: Buffer, key: Buffer, payload: Uint8Array, modes: FrameModes = {}): string | undefined {
  const header = Buffer.alloc(headerBytes(magic));
  magic.copy(header, 0);
  key.copy(header, magic.length);
  header.writeUInt32LE(crc32(payload), magic.length + KEY_BYTES);
  header.writeUInt32LE(payload.length, magic.length + KEY_BYTES + 4);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, ...(modes.dir === undefined ? {} : { mode: modes.dir }) });
    writeFileSync(tmp, Buffer.concat([header, payload]), modes.file === undefined ? {} : { mode: modes.file });
    renameSync(tmp, file);
    return undefined;
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was written (the folder is not one): nothing to remove.
    }
    return `not written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}
