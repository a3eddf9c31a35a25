import { readFileSync } from 'node:fs';
import { parseDirective } from './lib/domain/directive/parse-directive';
import { HA_TINH_UNITS } from './lib/domain/ha-tinh-units';
const f = process.argv[2] ?? 'lib/domain/directive/fixtures/01-nq76-ha-tinh.txt';
const r = parseDirective(readFileSync(f, 'utf8'), HA_TINH_UNITS);
console.log('PREAMBLE:', r.preamble.slice(0, 300));
for (const s of r.sections) { console.log(`== ${s.numeral} | ${s.title}`); for (const t of s.tasks) console.log(`  ${t.number} | ${t.title.slice(0,90)}\n     lead=${t.lead ? t.lead.unitCode+'('+t.lead.text+','+t.lead.confidence+')' : null} coll=${t.collective} coord=${JSON.stringify(t.coordinators.map(c=>[c.text,c.unitCode,c.confidence]))} dl=${t.deadline} [${t.deadlineText}] rec=${t.recurrence}`); }
console.log(r.warnings);
