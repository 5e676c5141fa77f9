// hired — app.js: progressive enhancement loaded on every page (include it in <head>, without defer,
// so <html class="js"> is set before first paint). Pages work fully without it.
//  * marks <html> with class "js" so CSS can swap .nojs-only / .js-only content;
//  * form[data-confirm] (or a submit button with data-confirm) asks before submitting;
//  * window.hiredToast(message, isError) shows a toast in #toasts for 5 seconds.
(() => {
  'use strict';
  document.documentElement.classList.add('js');

  // Confirmation prompts. Capture phase, so a cancelled submit never reaches other handlers.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const message = event.submitter?.dataset.confirm || form.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function toastContainer() {
    let box = document.getElementById('toasts');
    if (!box) {
      box = document.createElement('div');
      box.id = 'toasts';
      document.body.append(box);
    }
    if (!box.hasAttribute('aria-live')) box.setAttribute('aria-live', 'polite');
    return box;
  }

  window.hiredToast = (message, isError = false) => {
    const toast = document.createElement('div');
    toast.className = isError ? 'toast error' : 'toast';
    toast.setAttribute('role', isError ? 'alert' : 'status');

    const text = document.createElement('span');
    text.className = 'toast-msg';
    text.textContent = String(message);

    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    close.addEventListener('click', () => toast.remove());

    toast.append(text, close);
    toastContainer().append(toast);
    setTimeout(() => toast.remove(), 5000);
    return toast;
  };
})();
