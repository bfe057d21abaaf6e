import { h, errorText } from '../dom.js';
import { claims, signIn, signOut } from '../session.js';
import { core } from '../api.js';

export function signInView(main, reason) {
  const input = h('textarea', { id: 'token', rows: 4, spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOi…' });
  const error = h('p', { class: 'error', role: 'alert' }, reason === 'expired' ? 'The server refused the token (expired or invalid): sign in again.' : '');
  async function submit(event) {
    event.preventDefault();
    const jwt = input.value.trim();
    if (!claims(jwt)?.uid) {
      error.textContent = 'That is not a JWT with a uid claim.';
      return;
    }
    signIn(jwt);
    try {
      await core('GET', '/api/taskes-waiting'); // any authenticated route: does the server accept it?
    } catch (e) {
      signOut();
      error.textContent = `The server refused the token: ${errorText(e)}`;
      return;
    }
    window.dispatchEvent(new Event('aips:signed-in'));
    location.hash = '#/submit';
  }
  main.append(h('section', { class: 'card narrow' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste an ', h('code', {}, 'x-token'), ': a JWT whose payload names you as ', h('code', {}, 'uid'),
      '. It stays in this tab only (sessionStorage) and is sent as the x-token header, never in a URL.'),
    h('p', {}, 'On the server\'s machine, ', h('code', {}, './aips token <uid>'), ' prints one signed with the server\'s secret.'),
    h('form', { onsubmit: submit },
      h('label', { for: 'token' }, 'Token'), input,
      h('button', { type: 'submit', id: 'sign-in' }, 'Sign in')),
    error));
}
