// The conversation harness (`make conversations`, through run.py): speaks each case file's
// conversations to the skill through virtual-alexa 0.7.8, which matches each utterance against
// the locale's interaction model the way Alexa does for exact phrasings (sample utterances,
// slot values and synonyms) and POSTs real request envelopes to the loopback shim (shim.py),
// which calls lambda_handler. Usage: node harness.js JOB.json (run.py writes the job:
// {port, skillId, strictSlots, verbose, models: {locale: file}, files: [case file, ...]}).
// The checks are exported too, for the tests of the Bespoken export.
"use strict";
const fs = require("fs");

const MIN_SLOT_WORDS = 8;  // an open slot takes at least this many words...
const SLOT_SLACK = 2;  // ...or up to its type's longest listed value (or synonym) plus this many

// Alexa fills a custom slot with words outside its values and synonyms too (entity resolution
// then says ER_SUCCESS_NO_MATCH); virtual-alexa only accepts listed values. When no sample
// matches exactly, the harness tries the samples again with each custom slot open to any
// 1-N words, and picks the match with the most carrier text, as the skill would receive it
// from Alexa. Alexa learns how long a custom slot's values run from the values listed for its
// type (one-word values: one word captured), so N is the longest listed value or synonym of
// that slot's type plus SLOT_SLACK words, and at least MIN_SLOT_WORDS. Samples made of slots
// alone are not tried this way. The job's strictSlots (STRICT_SLOTS=1) turns it off.
// tools/utterance_matcher.py follows the same rule offline.
const NOISE = /[!"¿?|#$%/()=+\-_<>*{}·¡\[\].,;:]/g;
function normalise(text) {
  return text.toLowerCase().replace(NOISE, " ").replace(/\s+/g, " ").trim();
}
function openSamples(model) {
  const lm = model.interactionModel.languageModel;
  const custom = new Set((lm.types || []).map((t) => t.name));
  const words = (text) => normalise(text).split(" ").filter(Boolean).length;
  const longest = Object.fromEntries((lm.types || []).map((t) => [t.name, Math.max(0, ...(t.values || [])
    .flatMap((v) => [v.name.value, ...(v.name.synonyms || [])]).map(words))]));
  const out = [];
  for (const intent of lm.intents || []) {
    const slotType = Object.fromEntries((intent.slots || []).map((s) => [s.name, s.type]));
    for (const sample of intent.samples || []) {
      const parts = sample.split(/(\{[^}]+\})/).filter((p) => p.trim());
      const slots = parts.filter((p) => /^\{.+\}$/.test(p)).map((p) => p.slice(1, -1));
      if (!slots.length || !slots.every((s) => custom.has(slotType[s]))) continue;
      const literal = parts.filter((p) => !/^\{.+\}$/.test(p)).map(normalise).join(" ").trim();
      if (!literal) continue;
      const source = parts.map((p) => (/^\{.+\}$/.test(p) ? "(.+?)" : normalise(p).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join(" ").replace(/\s+/g, " ");
      const caps = slots.map((n) => Math.max(MIN_SLOT_WORDS, longest[slotType[n]] + SLOT_SLACK));
      out.push({ intent: intent.name, slots, caps, literal: literal.length, re: new RegExp(`^${source}$`) });
    }
  }
  return out;
}
function openMatch(samples, utterance) {
  const text = normalise(utterance);
  let best = null;
  for (const s of samples) {
    const m = s.re.exec(text);
    if (!m) continue;
    const values = m.slice(1);
    if (values.some((v, i) => v.split(" ").length > s.caps[i])) continue;
    if (!best || s.literal > best.literal) best = { ...s, values };
  }
  return best && { intent: best.intent, slots: Object.fromEntries(best.slots.map((n, i) => [n, best.values[i]])) };
}

// A prompt to call a doctor or emergency services, in one sentence.
const DOCTOR = /\b(call|contact|phone|ring|see|visit|reach|tell|let|talk (to|with)|speak (to|with)|get in touch with)\b.*\b(doctor|healthcare (professional|provider|team)|health care (professional|provider|team)|care team|physician|GP|medical team|emergency services|nine one one|911|999|000|112)\b/i;

// What a person hears: the SSML's text, tags dropped.
function spoken(response) {
  const speech = response && response.response && response.response.outputSpeech;
  if (!speech) return "";
  const raw = speech.ssml || speech.text || "";
  return raw.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

function cardText(response) {
  const card = response && response.response && response.response.card;
  return card ? [card.title, card.content, card.text].filter(Boolean).join(" ") : null;
}

function lastSentence(text) {
  const parts = text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : "";
}

// The problems with one response (empty: it passes). history holds what was said so far,
// the launch first, this response last. cases.py documents each check.
function check(expect, response, said, history) {
  const problems = [];
  if (!expect) return problems;
  const lower = said.toLowerCase();
  for (const group of expect.all || []) {
    if (!group.some((alt) => lower.includes(alt.toLowerCase()))) {
      problems.push(`expected one of [${group.join(" | ")}]`);
    }
  }
  for (const word of expect.none || []) {
    if (lower.includes(word.toLowerCase())) problems.push(`did not expect "${word}"`);
  }
  if (expect.urgent) {
    if (!DOCTOR.test(lastSentence(said))) problems.push("urgent answer does not close with a call-your-doctor prompt");
    const card = cardText(response);
    if (card !== null && !DOCTOR.test(card)) problems.push("urgent answer's card lacks the call-your-doctor prompt");
  }
  const end = response && response.response ? response.response.shouldEndSession : undefined;
  if (expect.end === true && end !== true) problems.push("session should end");
  if (expect.end === false && end !== false) problems.push("session should stay open");
  if (expect.end === false && !(response && response.response && response.response.reprompt)) {
    problems.push("open session without a reprompt");
  }
  if (expect.repeats !== undefined) {
    const before = history[expect.repeats] || "";
    const core = before.split(/(?<=[.!?])\s+/)[0];
    if (!core || !said.includes(core)) problems.push(`does not repeat turn ${expect.repeats}`);
  }
  if (expect.nonempty && !said) problems.push("said nothing");
  return problems;
}

async function runCase(c, job, models) {
  const { VirtualAlexa } = require("virtual-alexa");
  const model = models[c.locale || "en-US"];
  const alexa = VirtualAlexa.Builder()
    .skillURL(`http://127.0.0.1:${job.port}/`)
    .interactionModelFile(model.file)
    .applicationID(job.skillId)
    .locale(c.locale || "en-US")
    .create();
  // virtual-alexa treats any utterance containing "ask", "tell", "open"... as a launch;
  // inside a session Alexa does not, so utterances go to the model as they are.
  alexa.parseLaunchRequest = () => undefined;
  const history = [];
  const launched = await alexa.launch();
  const launchSaid = spoken(launched);
  history.push(launchSaid);
  let problems = check(c.launch, launched, launchSaid, history);
  if (problems.length) return `launch: ${problems.join("; ")} (said: "${launchSaid}")`;
  for (const [i, turn] of (c.turns || []).entries()) {
    let response;
    try {
      response = await alexa.utter(turn.say);
    } catch (err) {
      if (!/Unable to match utterance/.test(String(err && err.message))) throw err;
      const open = model.open && openMatch(model.open, turn.say);
      if (open && job.verbose) console.log(`     open slots: "${turn.say}" -> ${open.intent} ${JSON.stringify(open.slots)}`);
      if (open) response = await alexa.intend(open.intent, open.slots);
      else if (!turn.unmatched_ok) return `turn ${i + 1} "${turn.say}": no intent in the interaction model matches`;
      else response = await alexa.intend("AMAZON.FallbackIntent");
    }
    const said = spoken(response);
    history.push(said);
    problems = check(turn.expect, response, said, history);
    if (problems.length) return `turn ${i + 1} "${turn.say}": ${problems.join("; ")} (said: "${said}")`;
  }
  return null;
}

async function runFile(file, job, models) {
  const cases = JSON.parse(fs.readFileSync(file, "utf8")).cases;
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    let problem;
    try {
      problem = await runCase(c, job, models);
    } catch (err) {
      problem = `error: ${err && err.message ? err.message : err}`;
    }
    if (problem) {
      failed += 1;
      console.log(`FAIL ${c.id}: ${problem}`);
    } else {
      passed += 1;
      if (job.verbose) console.log(`ok   ${c.id}`);
    }
  }
  return { passed, failed };
}

async function main(jobFile) {
  const job = JSON.parse(fs.readFileSync(jobFile, "utf8"));
  const models = {};
  const opened = {};  // one set of open samples per model file
  for (const [locale, file] of Object.entries(job.models)) {
    if (!(file in opened)) opened[file] = job.strictSlots ? null : openSamples(JSON.parse(fs.readFileSync(file, "utf8")));
    models[locale] = { file, open: opened[file] };
  }
  let passed = 0;
  let failed = 0;
  for (const file of job.files) {
    if (job.files.length > 1) console.log(`-- ${file}`);
    const counts = await runFile(file, job, models);
    if (job.files.length > 1) console.log(`${file}: ${counts.passed} passed, ${counts.failed} failed`);
    passed += counts.passed;
    failed += counts.failed;
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv[2]).then((code) => process.exit(code), (err) => {
    console.error(`harness: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  });
}

module.exports = { normalise, openSamples, openMatch, DOCTOR, spoken, cardText, lastSentence, check };
