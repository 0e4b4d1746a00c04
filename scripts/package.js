#!/usr/bin/env node
// `npm run package`: builds the production bundles and packs dist/acr-private-link.vsix. The package is
// made in a staging folder (the production build included), so dist/ and the README stay as they are.
//
// The project has no public URL yet, so the README's pictures cannot be rewritten to https links
// (vsce's --baseImagesUrl or a `repository` field would have to name one). The packaged README
// carries them instead: each image the README links from media/ becomes a data: URI, which VS Code's
// extension page shows (its Content Security Policy allows https: and data: images, nothing relative).
// A relative link the packaged README could not follow fails the package.
//
// Flags: --no-build (pack the build dist/ holds now; the test suites do this), --out <file>.
// As a module: packageVsix({ build, out }) and readVsix(file).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');
const defaultOut = path.join(root, 'dist', 'acr-private-link.vsix');
const imageTypes = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The README as packaged: pictures from media/ inlined; throws on a relative link it cannot keep. */
function packagedReadme(text) {
  const problems = [];
  const inlined = text.replace(/(!?)\[((?:[^\]\[]|!\[[^\]\[]*\]\([^)]*\))*)\]\(([^)\s]+)\)/g, (all, bang, title, link) => {
    if (/^[a-z][\w+.-]*:/i.test(link) || link.startsWith('#')) return all;
    const file = path.resolve(root, link);
    const type = imageTypes[path.extname(link).toLowerCase()];
    if (!bang) {
      problems.push(`${link}: a relative link (the packaged README has nowhere to send it; link an https address or a #heading)`);
      return all;
    }
    if (!type || !file.startsWith(path.join(root, 'media') + path.sep) || !fs.existsSync(file)) {
      problems.push(`${link}: images must be PNG, JPEG or GIF files in media/`);
      return all;
    }
    return `![${title}](data:${type};base64,${fs.readFileSync(file).toString('base64')})`;
  });
  for (const m of text.matchAll(/<(?:img|video)[^>]+src=["']([^"']+)["']/g)) {
    if (!/^https:/i.test(m[1])) problems.push(`${m[1]}: an HTML image needs an https source; use Markdown ![…](media/…) instead`);
  }
  if (problems.length) throw new Error(`README.md cannot be packaged:\n  ${problems.join('\n  ')}`);
  return inlined;
}

function copy(from, to) {
  fs.cpSync(path.join(root, from), to, { recursive: true, filter: (src) => !src.endsWith('.vsix') });
}

/** Packs the extension; returns the .vsix path, its size in bytes and the files in it. */
function packageVsix({ build = true, out = defaultOut } = {}) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-package-'));
  try {
    for (const f of ['package.json', 'package.nls.json', 'package.nls.zh-tw.json', 'LICENSE', '.vscodeignore', 'media']) copy(f, path.join(stage, f));
    if (build) run('build (production)', process.execPath, [path.join(root, 'esbuild.js'), '--production'], root, { ACR_PL_DIST_DIR: path.join(stage, 'dist') });
    else copy('dist', path.join(stage, 'dist'));
    // The message bundles: the English one as the build (or `npm run l10n`) generated it, the translations.
    copy('l10n', path.join(stage, 'l10n'));
    fs.writeFileSync(path.join(stage, 'README.md'), packagedReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf8')));
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    run('vsce package', process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', path.resolve(out)], stage);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  const file = path.resolve(out);
  return { file, size: fs.statSync(file).size, files: readVsix(file) };
}

function run(title, cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
}

/**
 * The entries of a .vsix (a zip): name, size, packed size, and read() for the bytes. Reads the
 * zip's central directory; enough for what the package holds (no zip64, no encryption).
 */
function readVsix(file) {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const read = () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + packed);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    };
    entries.push({ name, size, packed, read });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The package's size and its files (extension/…), for `npm run package` and `npm run bench`. */
function describeVsix({ file, size, files }) {
  const lines = [`${file.startsWith(root + path.sep) ? path.relative(root, file) : file}: ${formatSize(size)}, ${files.length} entries`];
  for (const f of files) lines.push(`  ${f.name.padEnd(60)} ${formatSize(f.size).padStart(10)}  (packed ${formatSize(f.packed)})`);
  return lines.join('\n');
}

module.exports = { packageVsix, readVsix, describeVsix, packagedReadme };

if (require.main === module) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    const result = packageVsix({ build: !args.includes('--no-build'), out: outIndex >= 0 ? args[outIndex + 1] : defaultOut });
    console.log(describeVsix(result));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
