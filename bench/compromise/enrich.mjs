// Runs compromise (people, places, organisations, quotations) over the
// annotated articles: writes one prediction per article in the annotations'
// shape, for the Go scorer to measure with enrich's own metric, and prints
// compromise's throughput in MB/s.
//
// usage: node enrich.mjs ARTICLES_DIR OUT_DIR [ROUNDS]
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

const [dir, out, roundsArg] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node enrich.mjs ARTICLES_DIR OUT_DIR [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg || 5);
fs.mkdirSync(out, { recursive: true });

// The evaluation format: "URL: …", "TITLE: …", a blank line, the body.
function parse(text) {
  const [urlLine, titleLine, , ...rest] = text.split('\n');
  return { url: urlLine.replace(/^URL: /, ''), title: titleLine.replace(/^TITLE: /, ''), body: rest.join('\n') };
}

// Trailing punctuation and possessives are tokenisation noise, not entities.
const clean = (s) => s.replace(/[’']s$/u, '').replace(/^[\s"“”'‘’(]+|[\s"“”'‘’).,;:!?]+$/gu, '').trim();
const unique = (xs) => [...new Set(xs.filter(Boolean))];
// compromise has no coreference: a surname found alone ("Austin") is the same
// person as a longer name found beside it ("Lloyd Austin"), so it is merged
// rather than counted against it.
const merged = (names) => names.filter((n) => !names.some((m) => m !== n && m.split(/\s+/).includes(n)));

function read(body) {
  const doc = nlp(body);
  return {
    people: merged(unique(doc.people().not('(#Honorific|#Title)').out('array').map(clean))),
    places: unique(doc.places().out('array').map(clean)),
    organizations: unique(doc.organizations().out('array').map(clean)),
    quotes: doc.quotations().out('array').map((q) => q.replace(/^\s*["“”]|["“”]\s*$/gu, '')),
  };
}

const files = fs.readdirSync(dir).filter((f) => /^\d\d\.txt$/.test(f)).sort();
const docs = files.map((f) => ({ name: f.slice(0, 2), ...parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.body), 0);

read(docs[0].body); // warm up the lexicon
const start = process.hrtime.bigint();
let results;
for (let r = 0; r < rounds; r++) results = docs.map((d) => read(d.body));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

docs.forEach((d, i) => {
  const r = results[i];
  // compromise has no speakers, types or primary entity: those stay empty,
  // and places are mapped to countries by the scorer.
  const pred = {
    url: d.url,
    countries: [],
    places: r.places,
    organizations: r.organizations.map((name) => ({ name, type: '' })),
    people: r.people.map((name) => ({ name, title: null, country: null })),
    quotes: r.quotes.map((text) => ({ speaker: '', text })),
    primary_entity: null,
  };
  fs.writeFileSync(path.join(out, d.name + '.json'), JSON.stringify(pred, null, 2));
});
console.log(JSON.stringify({ files: docs.length, bytes, rounds, seconds, mb_per_s: (bytes * rounds) / seconds / 1e6 }));
