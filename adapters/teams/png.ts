// A minimal PNG encoder (8-bit RGBA, no interlace) and the two icons a Teams app package needs:
// color.png (192x192, full colour) and outline.png (32x32, white on transparent). Drawn in code
// so the package needs no binary assets.
import { deflateSync } from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row by row. */
  pixels: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter and interlace method stay 0
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type (0 = none).
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The bot's mark: a check mark inside a ring, in unit coordinates (0..1). Returns the coverage
 * (0..1) of the mark at a point, with a one-pixel soft edge for anti-aliasing.
 */
function markCoverage(x: number, y: number, pixel: number): number {
  const edge = (d: number, half: number) => Math.max(0, Math.min(1, (half - d) / pixel + 0.5));
  const ring = edge(Math.abs(Math.hypot(x - 0.5, y - 0.5) - 0.38), 0.045);
  const tick = Math.max(
    edge(distanceToSegment(x, y, 0.32, 0.52, 0.45, 0.65), 0.05),
    edge(distanceToSegment(x, y, 0.45, 0.65, 0.7, 0.37), 0.05),
  );
  return Math.max(ring, tick);
}

function draw(size: number, paint: (coverage: number) => [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(markCoverage((x + 0.5) / size, (y + 0.5) / size, 1 / size));
      pixels.set([r, g, b, a], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

/** Accent colour of the app (also the manifest's accentColor). */
export const ACCENT_COLOR = '#1F5F8B';
const ACCENT = [0x1f, 0x5f, 0x8b] as const;

/** 192x192: a white mark on the accent colour, fully opaque. */
export function colorIcon(): Buffer {
  return encodePng(
    draw(192, (c) => [
      Math.round(ACCENT[0] + (255 - ACCENT[0]) * c),
      Math.round(ACCENT[1] + (255 - ACCENT[1]) * c),
      Math.round(ACCENT[2] + (255 - ACCENT[2]) * c),
      255,
    ]),
  );
}

/** 32x32: the mark in white on a transparent background (Teams' outline icon rule). */
export function outlineIcon(): Buffer {
  return encodePng(draw(32, (c) => [255, 255, 255, Math.round(255 * c)]));
}
