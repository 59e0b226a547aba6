// The zxing-cpp anchor for `qrvid bench decode`: decodes the same folders with zxing-cpp compiled to WebAssembly
// (npm zxing-wasm) and prints the same rows: per group (category, or set @ rotation) codes, reads, misreads, mean
// and p95 ms per image. Folder layouts, scoring and corrections follow qrvid-examples'
// io.qrvid.examples.bench.decode.Suite and BenchCase; see bench/zxing-wasm/README.md.
//
//   node bench.mjs [--json] [--rotations 0,90,180,270] [--warmup N] [--fast] DIR...
//
// Images are decoded by sharp (libvips) to RGBA before the clock starts; the clock covers zxing-wasm's
// readBarcodes (its RGBA-to-grey conversion included), one image at a time.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { basename, dirname, join, relative, sep, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

const here = dirname(fileURLToPath(import.meta.url));
const CORRECTIONS = join(here, "..", "..", "qrvid-examples", "src", "main", "resources", "io", "qrvid", "examples",
  "bench", "decode", "corrections.tsv");
const IMAGE = /\.(png|jpe?g|gif|bmp|webp|pgm)$/i;
const APPEND_PART = /^(.+)-\d+$/;

function usage(msg) {
  if (msg) console.error(msg);
  console.error("usage: node bench.mjs [--json] [--rotations 0,90,180,270] [--warmup N] [--fast] DIR...");
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { json: false, rotations: [0], warmup: 10, fast: false, dirs: [] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--json") opts.json = true;
  else if (a === "--fast") opts.fast = true;
  else if (a === "--rotations") opts.rotations = (args[++i] ?? usage("--rotations needs a value")).split(",").map(Number);
  else if (a === "--warmup") opts.warmup = Number(args[++i] ?? usage("--warmup needs a value"));
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else opts.dirs.push(a);
}
if (opts.dirs.length === 0) usage("no folder given");
for (const r of opts.rotations) if (!Number.isInteger(r) || r % 90 !== 0) usage(`rotation ${r} is not a multiple of 90`);

// The .wasm ships inside the npm package: load it from disk, never from a CDN.
const wasmFile = join(here, "node_modules", "zxing-wasm", "dist", "reader", "zxing_reader.wasm");
await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmFile) }, fireImmediately: true });

// zxing-cpp's harness "fast" mode (BlackboxTestRunner.cpp) when --fast, else the library's defaults.
const readerOptions = (all) => ({
  formats: ["QRCode"],
  textMode: "Plain",
  maxNumberOfSymbols: all ? 255 : 1,
  ...(opts.fast ? { tryHarder: false, tryRotate: false, tryInvert: false, tryDownscale: false } : {}),
});

function loadCorrections() {
  const out = new Map();
  if (!existsSync(CORRECTIONS)) return out;
  for (const line of readFileSync(CORRECTIONS, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const f = line.split("\t");
    const text = f[3].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c));
    const list = out.get(f[0].trim().toLowerCase()) ?? [];
    list.push({ mode: f[2], text });
    out.set(f[0].trim().toLowerCase(), list);
  }
  return out;
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...walk(p));
    else if (IMAGE.test(name)) out.push(p);
  }
  return out;
}

const stem = (p) => basename(p, extname(p));
const sibling = (p, ext) => join(dirname(p), stem(p) + ext);
const groupOf = (dir, p) => {
  const rel = relative(dir, p).split(sep);
  return rel.length > 1 ? rel[0] : ".";
};

/** BoofCV's point-set label format, or null when the text is not made of numbers (mirrors Suite.polygons). */
function polygons(content) {
  const lines = content.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  if (lines.length === 0) return null;
  const sets = lines[0] === "SETS";
  const out = [];
  const single = [];
  for (const line of sets ? lines.slice(1) : lines) {
    const words = line.split(/[\s,]+/);
    if (words.length % 2 !== 0) return null;
    const poly = [];
    for (let i = 0; i < words.length; i += 2) {
      const x = Number(words[i]);
      const y = Number(words[i + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y) || words[i] === "" || words[i + 1] === "") return null;
      poly.push([x, y]);
    }
    if (sets) { if (poly.length >= 3) out.push(poly); } else single.push(...poly);
  }
  if (!sets) { if (single.length < 3) return null; out.push(single); }
  return out;
}

const CATEGORY_ORDER = ["blurred", "bright_spots", "brightness", "close", "curved", "damaged", "glare", "high_version",
  "lots", "monitor", "nominal", "noncompliant", "pathological", "perspective", "rotations", "shadows", "negative",
  "over_damage"];
const rank = (g) => (CATEGORY_ORDER.includes(g) ? CATEGORY_ORDER.indexOf(g) : 1000);

function readSuite(dir, corrections) {
  const suite = basename(join(dir, "."));
  const images = walk(dir);
  const cases = [];
  let labelled = false;
  const appendParts = new Map();
  for (const rotation of opts.rotations) {
    for (const img of images) {
      const json = sibling(img, ".json");
      const txt = sibling(img, ".txt");
      let truths = [];
      let all;
      if (existsSync(json)) {
        const root = JSON.parse(readFileSync(json, "utf8"));
        if (root.format !== "qrvid-labels/1") throw new Error(`${json}: not a qrvid-labels/1 file`);
        truths = root.symbols.map((s) => ({ text: s.text, bytes: Buffer.from(s.bytes ?? "", "base64"),
          outline: s.outline, textKnown: true, also: [] }));
        all = true;
        labelled = true;
      } else if (existsSync(txt)) {
        const content = readFileSync(txt, "utf8");
        const polys = polygons(content);
        if (polys) {
          truths = polys.map((p) => ({ text: "", bytes: Buffer.alloc(0), outline: p, textKnown: false, also: [] }));
          all = true;
          labelled = true;
        } else {
          let expected = content;
          const also = [];
          const sha = createHash("sha256").update(readFileSync(img)).digest("hex");
          for (const c of corrections.get(sha) ?? []) {
            if (c.mode === "replace") expected = c.text; else also.push(c.text);
          }
          truths = [{ text: expected, bytes: Buffer.alloc(0), outline: [], textKnown: true, also }];
          all = false;
        }
      } else {
        const m = APPEND_PART.exec(stem(img));
        const whole = m ? join(dirname(img), m[1] + ".txt") : null;
        if (whole && existsSync(whole)) {
          if (rotation === opts.rotations[0]) {
            if (!appendParts.has(whole)) appendParts.set(whole, []);
            appendParts.get(whole).push(img);
          }
          continue;
        }
        if (!relative(dir, img).toLowerCase().includes("negative")) continue;
        all = true;
      }
      cases.push({ suite, group: groupOf(dir, img), name: relative(dir, img), rotation, files: [img], truths, all,
        concatenate: false });
    }
  }
  for (const [whole, parts] of [...appendParts.entries()].sort()) {
    cases.push({ suite, group: groupOf(dir, whole), name: relative(dir, whole), rotation: 0, files: parts.sort(),
      truths: [{ text: readFileSync(whole, "utf8"), bytes: Buffer.alloc(0), outline: [], textKnown: true, also: [] }],
      all: false, concatenate: true });
  }
  cases.sort((a, b) => a.rotation - b.rotation || rank(a.group) - rank(b.group)
    || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { suite, categories: labelled, cases };
}

/** RGBA pixels rotated clockwise by a multiple of 90 degrees (sharp), and the outline mapping. */
async function load(file, rotation) {
  const { data, info } = await sharp(file).rotate(rotation).ensureAlpha().raw()
    .toBuffer({ resolveWithObject: true });
  const meta = await sharp(file).metadata();
  return { image: { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width,
    height: info.height, colorSpace: "srgb" }, w: meta.width, h: meta.height };
}

function rotatePoint([x, y], w, h, rotation) {
  switch (((rotation % 360) + 360) % 360) {
    case 90: return [h - y, x];
    case 180: return [w - x, h - y];
    case 270: return [y, w - x];
    default: return [x, y];
  }
}

function contains(outline, x, y) {
  if (outline.length === 0) return true;
  let inside = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [ax, ay] = outline[i];
    const [bx, by] = outline[j];
    if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Mirrors BenchCase.score. */
function score(perImage, truths, concatenate) {
  if (concatenate) {
    if (perImage.some((r) => r.length === 0)) return { read: 0, misread: 0 };
    const joined = perImage.map((r) => r[0].text).join("");
    const ok = truths.some((t) => !t.textKnown || t.text === joined);
    const other = truths.some((t) => t.also.includes(joined));
    return { read: ok ? 1 : 0, misread: ok || other ? 0 : 1 };
  }
  const reads = perImage[0];
  const lies = (r, t) => !r.located || contains(t.outline, r.x, r.y);
  const matches = (r, t) => !t.textKnown || r.text === t.text
    || (t.bytes.length > 0 && Buffer.compare(t.bytes, r.bytes) === 0);
  let read = 0;
  for (const t of truths) if (reads.some((r) => lies(r, t) && matches(r, t))) read++;
  let misread = 0;
  for (const r of reads) {
    if (!truths.some((t) => lies(r, t) && (matches(r, t) || t.also.includes(r.text)))) misread++;
  }
  return { read, misread };
}

async function decode(image, all) {
  const results = await readBarcodes(image, readerOptions(all));
  return results.filter((r) => r.isValid).map((r) => {
    const p = r.position;
    const pts = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft];
    return { text: r.text, bytes: Buffer.from(r.bytes), x: pts.reduce((s, q) => s + q.x, 0) / 4,
      y: pts.reduce((s, q) => s + q.y, 0) / 4, located: true };
  });
}

function p95(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length * 0.95) - 1)];
}

const corrections = loadCorrections();
const decoder = opts.fast ? "zxing-wasm-fast" : "zxing-wasm";
const misreads = [];
for (const dir of opts.dirs) {
  const { suite, categories, cases } = readSuite(dir, corrections);
  if (cases.length === 0) { console.error(`no labelled images under ${dir}`); process.exit(3); }
  const rows = new Map();
  for (const c of cases.slice(0, opts.warmup)) {
    const { image } = await load(c.files[0], c.rotation);
    await decode(image, c.all);
  }
  for (const c of cases) {
    const loaded = [];
    for (const f of c.files) loaded.push(await load(f, c.rotation));
    const truths = c.truths.map((t) => ({ ...t, outline: t.outline.map((q) => rotatePoint(q, loaded[0].w, loaded[0].h,
      c.rotation)) }));
    const t0 = performance.now();
    const perImage = [];
    for (const l of loaded) perImage.push(await decode(l.image, c.all));
    const ms = performance.now() - t0;
    const s = score(perImage, truths, c.concatenate);
    if (s.misread > 0) {
      misreads.push(`${suite} ${c.name} @ ${c.rotation}: ${decoder} misread ${s.misread} of `
        + perImage.flat().map((r) => JSON.stringify(r.text.slice(0, 40))).join(" "));
    }
    const key = `${c.group}@${c.rotation}`;
    if (!rows.has(key)) rows.set(key, { group: c.group, rotation: c.rotation, images: 0, codes: 0, read: 0,
      misread: 0, ms: [] });
    const row = rows.get(key);
    row.images++;
    row.codes += c.concatenate ? 1 : truths.length;
    row.read += s.read;
    row.misread += s.misread;
    row.ms.push(ms);
  }
  const isPhoto = (g) => !g.startsWith("negative") && g !== "over_damage";
  if (opts.json) {
    for (const r of rows.values()) {
      console.log(JSON.stringify({ suite, group: r.group, rotation: r.rotation, decoder, images: r.images,
        codes: r.codes, read: r.read, misread: r.misread,
        meanMs: Math.round((r.ms.reduce((a, b) => a + b, 0) / r.ms.length) * 100) / 100,
        p95Ms: Math.round(p95(r.ms) * 100) / 100 }));
    }
  } else {
    console.log(`\n== ${suite} (${cases.length} cases under ${dir}; ${decoder}, zxing-wasm ${"3.1.4"})`);
    console.log(`${(categories ? "category (codes)" : "set @ rotation (codes)").padEnd(26)} | read        mis mean ms  p95 ms`);
    let pooled = { codes: 0, read: 0, misread: 0, ms: [] };
    let avg = 0;
    let n = 0;
    for (const r of rows.values()) {
      const label = (categories ? r.group : `${r.group} @ ${r.rotation}`)
        + (r.codes === 0 ? ` (${r.images} images)` : ` (${r.codes})`);
      const mean = r.ms.reduce((a, b) => a + b, 0) / r.ms.length;
      console.log(`${label.padEnd(26)} | ${(r.codes === 0 ? "-" : `${r.read}/${r.codes}`).padEnd(10)} `
        + `${String(r.misread).padStart(4)} ${mean.toFixed(1).padStart(7)} ${p95(r.ms).toFixed(1).padStart(7)}`);
      if (categories && isPhoto(r.group) && r.codes > 0) {
        pooled.codes += r.codes; pooled.read += r.read; pooled.misread += r.misread; pooled.ms.push(...r.ms);
        avg += r.read / r.codes; n++;
      }
    }
    if (categories && n > 0) {
      const mean = pooled.ms.reduce((a, b) => a + b, 0) / pooled.ms.length;
      console.log(`${"pooled".padEnd(26)} | ${(100 * pooled.read / pooled.codes).toFixed(1).concat("%").padEnd(10)} `
        + `${String(pooled.misread).padStart(4)} ${mean.toFixed(1).padStart(7)} ${p95(pooled.ms).toFixed(1).padStart(7)}`);
      console.log(`${"category average".padEnd(26)} | ${(100 * avg / n).toFixed(1)}%`);
    }
  }
}
for (const m of misreads) console.error(`misread: ${m}`);
