package io.zoneha.engine.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.witness.WitnessProtocol.Answer;
import io.zoneha.engine.witness.WitnessProtocol.Rejected;
import io.zoneha.engine.witness.WitnessProtocol.Report;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WitnessProtocolTest {
  private static final String SECRET = "witness-secret-0123456789";
  private final WitnessProtocol p = new WitnessProtocol(SECRET);

  @Test
  void reportsAndAnswersRoundTrip() throws Rejected {
    Report r = new Report("prod", "node1", 1_700_000_000_000L, WitnessProtocol.newNonce());
    String body = p.sealReport(r);
    assertFalse(body.contains(SECRET));
    assertEquals(r, p.openReport("POST", "/v1/report", body));
    Answer a = new Answer(r.nonce(), 5000, Map.of("node1", 0L, "node2", 420L));
    assertEquals(a, p.openAnswer(p.sealAnswer(a), r.nonce()));
  }

  @Test
  void theSignatureCoversMethodPathAndEveryField() {
    String body = p.sealReport(new Report("prod", "node1", 1000, "n1"));
    assertThrows(Rejected.class, () -> p.openReport("PUT", "/v1/report", body));
    assertThrows(Rejected.class, () -> p.openReport("POST", "/v1/other", body));
    assertThrows(Rejected.class, () -> p.openReport("POST", "/v1/report", body.replace("node1", "node2")));
    assertThrows(Rejected.class, () -> p.openReport("POST", "/v1/report", body.replace("1000", "2000")));
    String foreign = new WitnessProtocol("another-secret-0123456789").sealReport(new Report("prod", "node1", 1000, "n1"));
    Rejected e = assertThrows(Rejected.class, () -> p.openReport("POST", "/v1/report", foreign));
    assertTrue(e.getMessage().contains("wrong cluster secret"), e.getMessage());
  }

  @Test
  void anAnswerIsAcceptedOnlyForItsOwnRequest() throws Rejected {
    String answer = p.sealAnswer(new Answer("nonce-a", 10, Map.of()));
    assertThrows(Rejected.class, () -> p.openAnswer(answer, "nonce-b"));
    // a report is no answer and an answer is no report, even with the right key
    String report = p.sealReport(new Report("prod", "node1", 1000, "nonce-a"));
    assertThrows(Rejected.class, () -> p.openAnswer(report, "nonce-a"));
    assertThrows(Rejected.class, () -> p.openReport("POST", "/v1/report", answer));
    assertEquals(10, p.openAnswer(answer, "nonce-a").uptime());
  }

  @Test
  void noncesDiffer() {
    assertNotEquals(WitnessProtocol.newNonce(), WitnessProtocol.newNonce());
  }
}
