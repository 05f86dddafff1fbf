import { html } from '../html.js';
import { adminDocument, csrfField } from './layout.js';

export function loginPage(options: { csrfToken: string; next: string; error?: string; loggedOut?: boolean }): string {
  const body = html`<section aria-labelledby="login-title">
  <h1 id="login-title">Admin login</h1>
  !${options.loggedOut === true ? html`<p class="notice ok" role="status">You are logged out.</p>` : ''}
  !${options.error === undefined ? '' : html`<p class="notice error" role="alert" id="password-error">${options.error}</p>`}
  <form method="post" action="/admin/login">
    !${csrfField(options.csrfToken)}
    <input type="hidden" name="next" value="${options.next}">
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required!${
        options.error === undefined ? '' : ' aria-invalid="true" aria-describedby="password-error"'
      }>
    </div>
    <button type="submit">Log in</button>
  </form>
</section>`;
  return adminDocument('Log in', '', body);
}
