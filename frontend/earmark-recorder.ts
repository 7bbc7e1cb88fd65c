// Placeholder until the real component lands.
customElements.define('earmark-recorder', class extends HTMLElement {});
