import type { AdminSession } from '../../domain/admin/session.js';
import { html } from '../html.js';
import { formatDateTime } from '../presenters/dates.js';
import { adminLayout, csrfField, type AdminFrame } from './layout.js';

/** Live admin sessions: where and when each logged in, with a button to end it. */
export function sessionListPage(frame: AdminFrame, data: { sessions: AdminSession[]; currentId: string }): string {
  const others = data.sessions.filter((session) => session.id !== data.currentId).length;
  const body = html`<h1>Sessions</h1>
<p>${data.sessions.length === 1 ? 'One live admin session' : `${data.sessions.length} live admin sessions`}, most recently used first. Ending a session logs it out on every server at once.</p>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Session</th><th scope="col">Logged in</th><th scope="col">Last used</th><th scope="col">Ends at the latest</th><th scope="col">Address</th><th scope="col">Browser</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
  <tbody>!${data.sessions.map((session) => {
    const current = session.id === data.currentId;
    const label = `${session.id.slice(0, 8)}${current ? ' (this session)' : ''}`;
    return html`<tr!${current ? ' aria-current="true"' : ''}>
  <td>${label}</td>
  <td>${formatDateTime(session.createdAt)}</td>
  <td>${formatDateTime(session.lastSeenAt)}</td>
  <td>${formatDateTime(session.expiresAt)}</td>
  <td>${session.clientIp}</td>
  <td>${session.userAgent === '' ? 'unknown' : session.userAgent}</td>
  <td><form class="inline-form" method="post" action="/admin/sessions/${session.id}/end">!${csrfField(frame.csrfToken)}<button type="submit" class="secondary" aria-label="${current ? 'Log out' : `End session ${session.id.slice(0, 8)}`}">${current ? 'Log out' : 'End'}</button></form></td>
</tr>`;
  })}</tbody>
</table>
</div>
!${others === 0 ? '' : html`<form method="post" action="/admin/sessions/others/end">!${csrfField(frame.csrfToken)}<button type="submit">End every other session</button></form>`}`;
  return adminLayout('Sessions', { ...frame, section: 'sessions' }, body);
}
