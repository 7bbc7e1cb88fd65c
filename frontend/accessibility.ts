/**
 * Page-wide accessibility helpers, loaded with every page (the main layout and the sign-in page).
 *
 * - Skip links: a click (or Enter) on `<a class="skip-link" data-skip-to="selector">` moves the keyboard focus to
 *   the first element matching the selector, so that keyboard users pass over the menu and the controls before it.
 *   Handled before Vaadin's router sees the click, so the address does not change.
 * - Vaadin's connection indicator (appended to <body> by the Flow client, outside every landmark) announces
 *   "Connection lost" and the like: it is made a live status region, which is what it is.
 */

window.addEventListener(
  'click',
  (event) => {
    const link = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('data-skip-to'));
    if (!link) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const target = document.querySelector<HTMLElement>(link.dataset.skipTo || '');
    if (!target) {
      return;
    }
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  },
  true,
);

function markConnectionIndicator(): boolean {
  const indicator = document.querySelector('vaadin-connection-indicator');
  indicator?.setAttribute('role', 'status');
  return indicator != null;
}

if (!markConnectionIndicator()) {
  const observer = new MutationObserver(() => {
    if (markConnectionIndicator()) {
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true });
}
