// Stands in for `@actions/http-client` where @actions/core imports it (only its OIDC client does, for
// core.getIDToken). The real client imports undici at load time — a third of the bundle, and most of the Action's
// start-up — so it is loaded here only when an ID token is actually requested. Same class, same calls.
export class HttpClient {
  #args;
  constructor(...args) {
    this.#args = args;
  }
  async #real() {
    const { HttpClient: Real } = await import('@actions/http-client');
    return new Real(...this.#args);
  }
  async getJson(...args) {
    return (await this.#real()).getJson(...args);
  }
}
