/** 出欠集計: stamps check-in times for ticked 出席 and counts attendance per event. */
import type { AttendanceReport } from '../../protocol';
import { el, nextId } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, showResult } from '../ui';

function table(report: AttendanceReport): HTMLElement {
  const captionId = nextId('attendance');
  const head = el('tr', {}, ...(['attendance.event', 'attendance.registered', 'attendance.attended', 'attendance.noShows', 'attendance.waitlisted'] as const)
    .map((k) => el('th', { scope: 'col', text: t(k) })));
  const body = el('tbody', {}, ...report.events.map((e) => el('tr', { 'data-event': e.id },
    el('th', { scope: 'row', text: e.title }),
    el('td', { text: e.registered }), el('td', { text: e.attended }), el('td', { text: e.noShows }), el('td', { text: e.waitlisted }))));
  return el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': captionId },
    el('table', { class: 'attendance' }, el('caption', { id: captionId, text: t('attendance.caption') }), el('thead', {}, head), body));
}

export function attendanceSection(): HTMLElement {
  const s = section('attendance', 'attendance.title', 'attendance.help');
  s.body.append(button(t('attendance.run'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcTallyAttendance');
      showResult(s, t('attendance.stamped', { stamped: r.stamped }), table(r), r.problems.length ? problemList(r.problems) : null);
    });
  }));
  return s.root;
}
