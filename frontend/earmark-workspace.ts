// Placeholder until the real component lands.
customElements.define('earmark-workspace', class extends HTMLElement {});
