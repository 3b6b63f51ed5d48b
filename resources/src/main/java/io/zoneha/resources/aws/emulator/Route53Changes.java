package io.zoneha.resources.aws.emulator;

import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/** Checks a whole change batch first, then applies it: Route 53 batches are all-or-nothing. */
final class Route53Changes {
  private final EmulatorState s;

  Route53Changes(EmulatorState s) {
    this.s = s;
  }

  void apply(HostedZone z, Element batch) {
    Element changesEl = Xml.child(batch, "Changes");
    List<Element> list = Xml.children(changesEl, "Change");
    if (list.isEmpty()) {
      throw AwsError.badRequest("InvalidInput", "The change batch must contain at least one change");
    }
    Map<String, RecordSet> next = new LinkedHashMap<>(z.records);
    List<String> problems = new ArrayList<>();
    for (Element c : list) {
      String action = Xml.text(c, "Action");
      RecordSet r = recordSet(Xml.child(c, "ResourceRecordSet"));
      String zoneName = EmulatorState.normalizeName(z.name);
      if (!r.name.equals(zoneName) && !r.name.endsWith("." + zoneName)) {
        problems.add("RRSet with DNS name " + r.name + " is not permitted in zone " + zoneName);
        continue;
      }
      String key = EmulatorState.recordKey(r.name, r.type);
      RecordSet current = next.get(key);
      String desc = "resource record set [name='" + r.name + "', type='" + r.type + "']";
      switch (action == null ? "" : action) {
        case "CREATE" -> {
          if (current != null) {
            problems.add("Tried to create " + desc + " but it already exists");
          } else {
            next.put(key, r);
          }
        }
        case "UPSERT" -> next.put(key, r);
        case "DELETE" -> {
          if (current == null) {
            problems.add("Tried to delete " + desc + " but it was not found");
          } else if (current.ttl != r.ttl || !current.values.equals(r.values)) {
            problems.add("Tried to delete " + desc
                + " but the values provided do not match the current values");
          } else {
            next.remove(key);
          }
        }
        default -> throw AwsError.badRequest("InvalidInput",
            "Invalid XML ; Action must be one of CREATE, DELETE, UPSERT, not '" + action + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw AwsError.badRequest("InvalidChangeBatch", problems.toString());
    }
    z.records.clear();
    z.records.putAll(next);
  }

  private static RecordSet recordSet(Element e) {
    if (e == null) {
      throw AwsError.badRequest("InvalidInput", "ResourceRecordSet is required in each change");
    }
    RecordSet r = new RecordSet();
    String name = Xml.text(e, "Name");
    String type = Xml.text(e, "Type");
    if (name == null || type == null) {
      throw AwsError.badRequest("InvalidInput", "ResourceRecordSet needs Name and Type");
    }
    r.name = EmulatorState.normalizeName(name);
    r.type = type.toUpperCase(Locale.ROOT);
    String ttl = Xml.text(e, "TTL");
    try {
      r.ttl = ttl == null ? 0 : Long.parseLong(ttl);
    } catch (NumberFormatException ex) {
      throw AwsError.badRequest("InvalidInput", "TTL must be a number");
    }
    for (Element rr : Xml.children(Xml.child(e, "ResourceRecords"), "ResourceRecord")) {
      String v = Xml.text(rr, "Value");
      if ("A".equals(r.type) && !io.zoneha.resources.aws.Ipv4.isValid(v)) {
        throw AwsError.badRequest("InvalidChangeBatch",
            "[Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a"
                + " valid IPv4 address) encountered with '" + v + "'']");
      }
      r.values.add(v);
    }
    return r;
  }
}
