// Logs in through the admin API, as a client script would, and returns what every later
// admin request must carry: the session and CSRF-secret cookies, and the CSRF token header.

export interface AdminSession {
  /** `name=value; name=value` for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

export async function adminSession(baseUrl: string, password: string): Promise<AdminSession> {
  const response = await fetch(`${baseUrl}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (response.status !== 200) throw new Error(`admin login answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== 'string') throw new Error('admin login returned no csrfToken');
  // Only name=value of each Set-Cookie goes back, as a browser would send it.
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair !== '' && !pair.endsWith('='))
    .join('; ');
  if (!cookie.includes('admin_session=')) throw new Error('admin login set no admin_session cookie');
  return { cookie, csrfToken: body.csrfToken };
}
