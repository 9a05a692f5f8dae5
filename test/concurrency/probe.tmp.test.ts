import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { prepare } from '../forms/support';
test('probe', () => {
  const emu = loadAddOn({ now: new Date('2025-07-01T09:00:00+09:00') });
  const forms = prepare(emu, { events: [DEMO_EVENTS[0] as DemoEvent] });
  const f = forms.get((DEMO_EVENTS[0] as DemoEvent).id)!;
  const agencies = agencyNamesOf(emu);
  emu.forms.submit(f.registration.formId, participantAnswers(0, 0, agencies));
  const start = emu.ledger.records.length;
  emu.forms.submit(f.registration.formId, participantAnswers(0, 1, agencies));
  console.log(emu.ledger.records.slice(start).map((r) => r.service + '.' + r.method).join('\n'));
});
