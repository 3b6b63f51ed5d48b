package io.zoneha.resources.aws.emulator;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** A one-line form of a Route 53 change batch for the call log: {@code UPSERT name A [ips] ttl}. */
final class ChangeSummary {
  private ChangeSummary() {}

  static String of(String body) {
    try {
      Element batch = Xml.child(Xml.parse(body), "ChangeBatch");
      List<String> parts = new ArrayList<>();
      for (Element c : Xml.children(Xml.child(batch, "Changes"), "Change")) {
        Element rr = Xml.child(c, "ResourceRecordSet");
        List<String> values = new ArrayList<>();
        for (Element r : Xml.children(Xml.child(rr, "ResourceRecords"), "ResourceRecord")) {
          values.add(Xml.text(r, "Value"));
        }
        parts.add(Xml.text(c, "Action") + " " + Xml.text(rr, "Name") + " " + Xml.text(rr, "Type")
            + " " + values + " ttl=" + Xml.text(rr, "TTL"));
      }
      return String.join("; ", parts);
    } catch (RuntimeException e) {
      return "(unreadable change batch)";
    }
  }
}
