// Draws the extension icon, images/icon.png (128x128): a blue shield carrying a white brick wall — a bulwark.
// Plain Node (no image library): shapes are sampled 4x4 per pixel for smooth edges and written as an RGBA PNG.
// Usage: node scripts/make-icon.mjs [out.png]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per pixel along each axis

// Shield: flat top with rounded corners from y=10, straight sides to y=62, then an elliptical taper to a point.
const CX = 64, TOP = 10, SIDE_END = 62, BOTTOM = 122, HALF = 52, CORNER = 12;
function halfWidth(y) {
  if (y < TOP || y > BOTTOM) return -1;
  if (y <= SIDE_END) return HALF;
  const t = (y - SIDE_END) / (BOTTOM - SIDE_END);
  return HALF * Math.sqrt(Math.max(0, 1 - t * t)) * (1 - 0.15 * t);
}
function inShield(x, y, inset = 0) {
  const w = halfWidth(y) - inset;
  if (w <= 0 || y < TOP + inset) return false;
  const dx = Math.abs(x - CX);
  if (dx > w) return false;
  // rounded top corners
  const cy = TOP + inset + CORNER, cx = CX + w - CORNER;
  if (y < cy && dx > cx - CX) return (dx - (cx - CX)) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
  return true;
}

// Brick wall: three courses of three bricks, the middle one offset by half a brick, in a rectangle.
const BRICK_H = 14, GAP = 4, COURSES = 3, WALL_TOP = 33, BRICK_W = 26, R = 3;
function inBrick(x, y) {
  const rowPitch = BRICK_H + GAP;
  const row = Math.floor((y - WALL_TOP) / rowPitch);
  if (row < 0 || row >= COURSES) return false;
  const yIn = y - WALL_TOP - row * rowPitch;
  if (yIn > BRICK_H) return false;
  const pitch = BRICK_W + GAP;
  const offset = row % 2 === 1 ? pitch / 2 : 0;
  const xr = x - (CX - 1.5 * pitch + GAP / 2) + offset + pitch;
  const col = Math.floor(xr / pitch);
  const xIn = xr - col * pitch;
  if (xIn > BRICK_W) return false;
  // rounded brick corners
  const ex = Math.min(xIn, BRICK_W - xIn), ey = Math.min(yIn, BRICK_H - yIn);
  if (ex < R && ey < R && (R - ex) ** 2 + (R - ey) ** 2 > R * R) return false;
  return Math.abs(x - CX) <= 1.5 * BRICK_W + GAP && inShield(x, y, 8);
}

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}
const TOP_BLUE = [0x2b, 0x7c, 0xf6], BOTTOM_BLUE = [0x0b, 0x3a, 0x8c], RIM = [0x07, 0x25, 0x5c], WHITE = [0xff, 0xff, 0xff];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS, y = py + (sy + 0.5) / SS;
        if (!inShield(x, y)) continue;
        let c = inShield(x, y, 4) ? mix(TOP_BLUE, BOTTOM_BLUE, (y - TOP) / (BOTTOM - TOP)) : RIM;
        if (inBrick(x, y)) c = WHITE;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const o = (py * SIZE + px) * 4;
    if (a > 0) {
      pixels[o] = Math.round(r / a);
      pixels[o + 1] = Math.round(g / a);
      pixels[o + 2] = Math.round(b / a);
    }
    pixels[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

// ---- PNG encoding ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'images', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
