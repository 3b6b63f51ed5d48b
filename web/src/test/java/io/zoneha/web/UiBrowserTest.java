package io.zoneha.web;

import org.junit.jupiter.api.Test;

/**
 * The UI's static files in Debian's chromium with the API and the WebSocket mocked
 * (web/e2e/banners.test.mjs): banners for isolation, split brain and a stale mirror, error code
 * meanings, live updates, and the confirmed move request with its CSRF header. The end-to-end run
 * against real nodes is node's WebUiE2eTest.
 */
class UiBrowserTest {
  @Test
  void bannersErrorCodesLiveUpdatesAndConfirmedActions() throws Exception {
    NodeScript.assumeBrowser();
    NodeScript.run("UI PASS", "banners.test.mjs");
  }
}
