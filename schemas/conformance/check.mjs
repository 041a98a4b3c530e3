// Independent check of the shared schemas: Ajv (JSON Schema 2020-12, strict mode, format assertions on) must
// accept every schema, accept every valid example, and reject every invalid one at the pointer its sidecar names.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const schemasDir = new URL("../json/", import.meta.url).pathname;
const examplesDir = new URL("../examples/", import.meta.url).pathname;
const version = "1-0-0";
const names = readdirSync(schemasDir).sort();
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

// strictRequired is an Ajv lint, not a 2020-12 rule: required inside if/then and anyOf is standard.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
for (const name of names) {
  ajv.addSchema(readJson(join(schemasDir, name, version, "schema.json")));
}

const problems = [];
let checked = 0;
const idOf = (name) => `https://schemas.regional-exchange.org/${name}/${version}/schema.json`;

for (const name of names.filter((n) => n !== "defs")) {
  let validate;
  try {
    validate = ajv.getSchema(idOf(name));
  } catch (error) {
    problems.push(`${name}: schema does not compile: ${error.message}`);
    continue;
  }
  for (const file of listJson(join(examplesDir, "valid", name, version))) {
    checked++;
    if (!validate(readJson(file))) {
      problems.push(`${file}: expected valid, Ajv says ${ajv.errorsText(validate.errors)}`);
    }
  }
  for (const file of listJson(join(examplesDir, "invalid", name, version)).filter((f) => !f.endsWith(".expected.json"))) {
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

function listJson(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f)) : [];
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`Ajv disagrees on ${problems.length} of ${checked} examples`);
  process.exit(1);
}
console.log(`Ajv agrees: ${names.length} schemas compile, ${checked} examples validate as expected`);
