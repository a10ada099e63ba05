// Compiles every formats/*.ksy with the Kaitai Struct compiler into build/formats/*.js.
// The generated modules are build output: never edited, never committed.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const compiler = require('kaitai-struct-compiler');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const formatsDir = join(root, 'formats');
const outDir = join(root, 'build', 'formats');

const importer = {
  importYaml(name) {
    return Promise.resolve(YAML.parse(readFileSync(join(formatsDir, `${name}.ksy`), 'utf8')));
  },
};

mkdirSync(outDir, { recursive: true });
// The generated code is UMD/CommonJS; keep Node from treating it as ESM.
writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');

const sources = existsSync(formatsDir) ? readdirSync(formatsDir).filter((f) => f.endsWith('.ksy')).sort() : [];
let written = 0;
for (const file of sources) {
  const src = join(formatsDir, file);
  const ksy = YAML.parse(readFileSync(src, 'utf8'));
  let files;
  try {
    files = await compiler.compile('javascript', ksy, importer, false);
  } catch (err) {
    console.error(`build-formats: ${file}: ${err?.message ?? err}`);
    process.exit(1);
  }
  for (const [name, code] of Object.entries(files)) {
    const target = join(outDir, name);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== code) writeFileSync(target, code);
    written++;
  }
}
console.log(`build-formats: ${sources.length} .ksy → ${written} modules in build/formats`);
