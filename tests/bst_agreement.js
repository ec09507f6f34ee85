// For test_bst_export.py: judges responses both ways, with the conversation harness's own checks
// (tools/conversations/harness.js) and with the bst assertions the export wrote for the same
// checks, evaluated as bst's unit mode evaluates them (skill-testing-ml's Assertion: a value
// between slashes is a regular expression tested on the field; any other value must match the
// field's text; a missing field fails). Usage: node bst_agreement.js ITEMS.json, where each item
// is {expect, response, assertions: [[path, value], ...]}; prints [{harness, bst}, ...] (passed?).
"use strict";
const fs = require("fs");
const path = require("path");
const harness = require(path.join(__dirname, "..", "tools", "conversations", "harness.js"));

// The fields bst reads from a virtual-alexa response (VirtualAlexaInvoker.js).
function field(name, json) {
  const body = json.response || {};
  const speech = (outputSpeech) => outputSpeech && (outputSpeech.ssml !== undefined ? outputSpeech.ssml : outputSpeech.text);
  if (name === "prompt") return speech(body.outputSpeech);
  if (name === "reprompt") return body.reprompt ? speech(body.reprompt.outputSpeech) : undefined;
  if (name === "cardContent") return body.card ? body.card.content : undefined;
  return name.split(".").reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), json);
}

function holds(expected, actual) {
  if (actual === undefined) return false;
  if (typeof expected === "string" && expected.startsWith("/")) {
    const end = expected.lastIndexOf("/");
    return new RegExp(expected.slice(1, end), expected.slice(end + 1)).test(String(actual));
  }
  return new RegExp(String(expected)).test(String(actual));
}

const items = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const verdicts = items.map((item) => {
  const said = harness.spoken(item.response);
  return {
    harness: harness.check(item.expect, item.response, said, [said]).length === 0,
    bst: item.assertions.every(([name, value]) => holds(value, field(name, item.response))),
  };
});
process.stdout.write(JSON.stringify(verdicts));
