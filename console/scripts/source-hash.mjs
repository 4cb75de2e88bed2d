#!/usr/bin/env node
// sha256 over the console sources (CONSOLE.md): every file under console/ except any
// node_modules/ or dist/ directory, in sorted relative-path order (POSIX separators), hashed as
// the concatenation of `relpath \0 contents \0`. tests/unit/test_console_bundle.py recomputes it.
//   node scripts/source-hash.mjs                 prints the hash
//   node scripts/source-hash.mjs --write FILE    also writes it (with a newline) to FILE
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist']);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) && entry.isDirectory()) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(relative(ROOT, full).split(sep).join('/'));
  }
  return out;
}

// Compare as UTF-8 bytes, which is what Python's sorted() gives for str code points.
const byBytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const rel of walk(root, []).sort(byBytes)) {
    hash.update(Buffer.from(rel, 'utf8'));
    hash.update(Buffer.from([0]));
    hash.update(readFileSync(join(root, rel)));
    hash.update(Buffer.from([0]));
  }
  return hash.digest('hex');
}

const digest = sourceHash();
const at = process.argv.indexOf('--write');
if (at !== -1) writeFileSync(process.argv[at + 1], `${digest}\n`);
console.log(digest);
