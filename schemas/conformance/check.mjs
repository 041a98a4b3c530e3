// Independent check of the shared schemas: Ajv (JSON Schema 2020-12, strict mode, format assertions on) must
// accept every schema of every version, accept every valid example, and reject every invalid one at the pointer its
// sidecar names. Examples live in examples/{valid,invalid}/<name>/<version>/ and are checked against that version.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";

const schemasDir = new URL("../json/", import.meta.url).pathname;
const examplesDir = new URL("../examples/", import.meta.url).pathname;
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const index = readJson(join(schemasDir, "versions.json"));
const names = Object.keys(index).sort();
const problems = [];

// The index lists every version folder, ascending, and nothing else.
const byVersion = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split("-").map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
const folders = readdirSync(schemasDir).filter((f) => statSync(join(schemasDir, f)).isDirectory()).sort();
if (JSON.stringify(folders) !== JSON.stringify(names)) {
  problems.push(`versions.json names ${names.join(", ")} but the folders are ${folders.join(", ")}`);
}
for (const name of names.filter((n) => folders.includes(n))) {
  const onDisk = readdirSync(join(schemasDir, name)).sort(byVersion);
  if (JSON.stringify(onDisk) !== JSON.stringify(index[name])) {
    problems.push(`versions.json lists ${name} ${index[name].join(", ")} but its folders are ${onDisk.join(", ")}`);
  }
}

// strictRequired is an Ajv lint, not a 2020-12 rule: required inside if/then and anyOf is standard.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
for (const name of names) {
  for (const version of index[name]) {
    ajv.addSchema(readJson(join(schemasDir, name, version, "schema.json")));
  }
}

let checked = 0;
let compiled = 0;
const idOf = (name, version) => `https://schemas.regional-exchange.org/${name}/${version}/schema.json`;

for (const name of names) {
  for (const version of index[name]) {
    let validate;
    try {
      validate = ajv.getSchema(idOf(name, version));
      compiled++;
    } catch (error) {
      problems.push(`${name} ${version}: schema does not compile: ${error.message}`);
      continue;
    }
    for (const file of listJson(join(examplesDir, "valid", name, version))) {
      checked++;
      if (!validate(readJson(file))) {
        problems.push(`${file}: expected valid, Ajv says ${ajv.errorsText(validate.errors)}`);
      }
    }
    const invalid = listJson(join(examplesDir, "invalid", name, version)).filter((f) => !f.endsWith(".expected.json"));
    for (const file of invalid) {
      checked++;
      const expected = readJson(file.replace(/\.json$/, ".expected.json"));
      if (validate(readJson(file))) {
        problems.push(`${file}: expected invalid (${expected.reason}), Ajv accepts it`);
      } else if (!validate.errors.some((e) => e.instancePath === expected.pointer)) {
        problems.push(`${file}: expected a violation at '${expected.pointer}', Ajv reports `
          + validate.errors.map((e) => `'${e.instancePath}' ${e.message}`).join("; "));
      }
    }
  }
}

function listJson(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f)) : [];
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`Ajv disagrees on ${problems.length} of ${checked} examples (or the index)`);
  process.exit(1);
}
console.log(`Ajv agrees: ${compiled} schemas compile, ${checked} examples validate as expected`);
