// hired — board.js: drag-and-drop for the pipeline board, plus the bulk-selection helper.
// Load with `defer` after app.js. Without it the board still works: every card carries a
// <form class="move-form nojs-only"> that POSTs to /applications/<id>/move.
//
// Contract with the server-rendered HTML:
//   <meta name="csrf-token" content="...">
//   <section class="board-column" data-stage="screen">
//     <header class="board-column-header"><h2>Screen</h2> <span class="count">12</span></header>
//     <div class="board-column-body"> <article class="board-card" draggable="true"
//        data-application-id="<uuid>" data-version="<int>"> … <form class="move-form nojs-only"> … </article>
//   POST /applications/<id>/move (stage, version, csrf[, reason]) → 2xx {"version", "stage"} | problem+json {"title", "detail"}
//   Optional: <div class="reject-reason"><select name="reason"> in a column supplies `reason` for drops there.
//   Bulk: input.bulk-select[value=<id>] on cards; form#bulk-form with .bulk-ids and .bulk-count.
(() => {
  'use strict';

  const toast = (message, isError) =>
    window.hiredToast ? window.hiredToast(message, isError) : window.alert(message);
  const closest = (node, selector) => (node instanceof Element ? node.closest(selector) : null);
  const columnOf = (card) => card.closest('.board-column');
  const csrfToken = (form) =>
    document.querySelector('meta[name="csrf-token"]')?.content || form?.elements.namedItem('csrf')?.value || '';

  function bumpCount(column, delta) {
    const el = column?.querySelector('.board-column-header .count');
    const n = parseInt(el?.textContent ?? '', 10);
    if (el && !Number.isNaN(n)) el.textContent = String(Math.max(0, n + delta));
  }

  function stageLabel(card, column) {
    const option = [...(card.querySelector('.move-form select[name="stage"]')?.options ?? [])]
      .find((o) => o.value === column.dataset.stage);
    const header = column.querySelector('.board-column-header h2, .board-column-header h3, .board-column-header .name');
    return (option || header)?.textContent.trim() || column.dataset.stage;
  }

  // Reason sent with a move: the card form's own `reason` select if it has one, else the target
  // column's `.reject-reason select` (moves into Rejected). Omitted when there is none.
  const dropReason = (column) => column.querySelector('.reject-reason select')?.value || '';

  // Ask the server to move `card` into `column`. Resolves to true when the card was moved.
  async function moveCard(card, column, reason = dropReason(column)) {
    const stage = column.dataset.stage;
    if (!stage || columnOf(card) === column || card.classList.contains('saving')) return false;
    const id = card.dataset.applicationId;
    const form = card.querySelector('.move-form');
    card.classList.add('saving');
    card.setAttribute('aria-busy', 'true');
    const body = new URLSearchParams({ stage, version: card.dataset.version ?? '', csrf: csrfToken(form) });
    if (reason) body.set('reason', reason);
    try {
      const res = await fetch('/applications/' + id + '/move', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
        credentials: 'same-origin',
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        const message = data.detail || data.title || `The card could not be moved (HTTP ${res.status}).`;
        if (res.status === 409) {
          toast(message + ' The page will reload.', true);
          setTimeout(() => window.location.reload(), 2000);
        } else {
          toast(message, true);
        }
        return false;
      }
      place(card, column, data, form);
      const name = card.querySelector('a')?.textContent.trim() || 'Candidate';
      toast(`${name} moved to ${stageLabel(card, column)}.`);
      return true;
    } catch {
      toast('Network error: the card was not moved. Check your connection and try again.', true);
      return false;
    } finally {
      card.classList.remove('saving');
      card.removeAttribute('aria-busy');
    }
  }

  function place(card, column, data, form) {
    const source = columnOf(card);
    column.querySelector('.board-column-body')?.prepend(card);
    bumpCount(source, -1);
    bumpCount(column, +1);
    if (data.version != null) {
      card.dataset.version = String(data.version);
      const version = form?.elements.namedItem('version');
      if (version) version.value = String(data.version);
    }
    const select = form?.elements.namedItem('stage');
    if (select) select.value = data.stage || column.dataset.stage;
  }

  // ---- drag and drop ----
  let dragged = null;
  let target = null;

  function setTarget(column) {
    if (column === target) return;
    target?.classList.remove('drop-target');
    target = column;
    target?.classList.add('drop-target');
  }

  function endDrag() {
    dragged?.classList.remove('dragging');
    setTarget(null);
    dragged = null;
  }

  document.addEventListener('dragstart', (event) => {
    const card = closest(event.target, '.board-card[draggable="true"]');
    if (!card || card.classList.contains('saving') || closest(event.target, 'select, input, button')) return;
    dragged = card;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.dataset.applicationId || '');
    const box = card.getBoundingClientRect();
    event.dataTransfer.setDragImage(card, event.clientX - box.left, event.clientY - box.top);
    requestAnimationFrame(() => dragged?.classList.add('dragging'));
  });

  document.addEventListener('dragover', (event) => {
    if (!dragged) return;
    const column = closest(event.target, '.board-column[data-stage]');
    setTarget(column && column !== columnOf(dragged) ? column : null);
    if (target) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    }
  });

  document.addEventListener('dragleave', (event) => {
    if (dragged && !event.relatedTarget) setTarget(null); // pointer left the window
  });

  document.addEventListener('drop', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const card = dragged;
    const column = target;
    endDrag();
    if (column) moveCard(card, column);
  });

  document.addEventListener('dragend', endDrag);

  // ---- keyboard: "Move" disclosure around the fallback form, Escape to cancel ----
  function addMoveToggles() {
    for (const form of document.querySelectorAll('.board-card .move-form')) {
      const card = form.closest('.board-card');
      if (card.querySelector('.move-toggle')) continue;
      form.id ||= 'move-' + card.dataset.applicationId;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'move-toggle';
      button.textContent = 'Move';
      button.setAttribute('aria-expanded', 'false');
      button.setAttribute('aria-controls', form.id);
      const name = card.querySelector('a')?.textContent.trim();
      if (name) button.setAttribute('aria-label', `Move ${name} to another stage`);
      form.before(button);
    }
  }

  function setMoveOpen(card, open) {
    card.classList.toggle('move-open', open);
    card.querySelector('.move-toggle')?.setAttribute('aria-expanded', String(open));
  }

  document.addEventListener('click', (event) => {
    const button = closest(event.target, '.move-toggle');
    if (!button) return;
    const card = button.closest('.board-card');
    const open = !card.classList.contains('move-open');
    setMoveOpen(card, open);
    if (open) card.querySelector('.move-form select')?.focus();
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (dragged) { endDrag(); return; }
    const card = closest(event.target, '.board-card.move-open');
    if (card) {
      setMoveOpen(card, false);
      card.querySelector('.move-toggle')?.focus();
    }
  });

  // The fallback form, used with JS on: move in place instead of reloading the page.
  document.addEventListener('submit', (event) => {
    const form = closest(event.target, '.move-form');
    const card = form && closest(form, '.board-card');
    const stage = form?.elements.namedItem('stage')?.value;
    const column = stage && document.querySelector(`.board-column[data-stage="${CSS.escape(stage)}"]`);
    if (!card || !column) return; // stage not shown on this board: let the browser POST it
    event.preventDefault();
    if (column === columnOf(card)) { setMoveOpen(card, false); return; }
    moveCard(card, column, form.elements.namedItem('reason')?.value || dropReason(column)).then((moved) => {
      if (!moved) return;
      setMoveOpen(card, false);
      card.querySelector('a, .move-toggle')?.focus();
    });
  });

  // ---- bulk selection ----
  function syncBulk() {
    const boxes = [...document.querySelectorAll('input.bulk-select')];
    const ids = boxes.filter((box) => box.checked).map((box) => box.value);
    for (const box of boxes) box.closest('.board-card')?.classList.toggle('selected', box.checked);
    for (const el of document.querySelectorAll('.bulk-count')) el.textContent = String(ids.length);
    const form = document.getElementById('bulk-form');
    if (!form) return;
    form.querySelector('.bulk-ids')?.replaceChildren(...ids.map((id) =>
      Object.assign(document.createElement('input'), { type: 'hidden', name: 'ids', value: id })));
    form.hidden = ids.length === 0;
  }

  document.addEventListener('change', (event) => {
    if (closest(event.target, 'input.bulk-select')) syncBulk();
  });

  document.addEventListener('click', (event) => {
    if (!closest(event.target, '[data-bulk-clear]')) return;
    for (const box of document.querySelectorAll('input.bulk-select:checked')) box.checked = false;
    syncBulk();
  });

  function init() {
    addMoveToggles();
    // With JS the hidden inputs are the single source of ids, so detach checkboxes that
    // were associated with the form (form="bulk-form") for the no-JS case.
    for (const box of document.querySelectorAll('input.bulk-select[form]')) box.removeAttribute('form');
    syncBulk(); // also picks up checkboxes the browser restored on back/forward
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
