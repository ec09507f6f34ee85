// Validates APL documents with Amazon's apl-suggester (its StaticAplTemplateValidator).
// Usage: node apl_validate.js FILE... ; prints one JSON list of findings per file.
"use strict";
const fs = require("fs");
const { StaticAplTemplateValidator } = require("apl-suggester");

(async () => {
  const validator = new StaticAplTemplateValidator();
  const results = {};
  const log = console.log;
  for (const file of process.argv.slice(2)) {
    console.log = () => {};  // the validator prints notes of its own
    results[file] = await validator.validate(JSON.parse(fs.readFileSync(file, "utf8")));
    console.log = log;
  }
  process.stdout.write(JSON.stringify(results));
})();
