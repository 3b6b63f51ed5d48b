package io.zoneha.resources.aws.emulator;

import io.zoneha.resources.aws.emulator.Model.Change;
import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/** The Route 53 REST-XML subset (API version 2013-04-01). */
final class Route53Api {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  static final String PREFIX = "/2013-04-01/";

  private final EmulatorState s;
  private final Route53Changes changes;

  Route53Api(EmulatorState s) {
    this.s = s;
    this.changes = new Route53Changes(s);
  }

  /** The operation name for the call log and fault rules, or null when the path is not ours. */
  static String operation(String method, List<String> seg) {
    if (seg.size() == 2 && seg.get(0).equals("hostedzone") && method.equals("GET")) {
      return "GetHostedZone";
    }
    if (seg.size() == 3 && seg.get(0).equals("hostedzone") && seg.get(2).equals("rrset")) {
      return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
    }
    if (seg.size() == 2 && seg.get(0).equals("change") && method.equals("GET")) {
      return "GetChange";
    }
    return null;
  }

  /** Path segments after the version, decoded, with the ID prefixes SDKs sometimes keep removed. */
  static List<String> segments(String rawPath) {
    String rest = rawPath.substring(PREFIX.length());
    List<String> out = new ArrayList<>();
    for (String part : rest.split("/")) {
      if (!part.isEmpty()) {
        out.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
    }
    if (out.size() >= 2) {
      out.set(1, stripIdPrefix(out.get(1)));
    }
    return out;
  }

  static String stripIdPrefix(String id) {
    String i = id;
    for (String p : List.of("/hostedzone/", "hostedzone/", "/change/", "change/")) {
      if (i.startsWith(p)) {
        i = i.substring(p.length());
      }
    }
    return i;
  }

  String handle(String op, List<String> seg, Map<String, String> query, String body) {
    synchronized (s) {
      return switch (op) {
        case "GetHostedZone" -> getHostedZone(zone(seg.get(1)));
        case "ListResourceRecordSets" -> list(zone(seg.get(1)), query);
        case "ChangeResourceRecordSets" -> change(zone(seg.get(1)), body);
        case "GetChange" -> getChange(seg.get(1));
        default -> throw new AwsError(404, "UnknownOperationException", "Unknown operation " + op);
      };
    }
  }

  static String errorXml(AwsError e) {
    String type = e.status >= 500 ? "Receiver" : "Sender";
    return new Xml().openNs("ErrorResponse", NS).open("Error").el("Type", type).el("Code", e.code)
        .el("Message", e.getMessage()).close("Error").el("RequestId", UUID.randomUUID())
        .close("ErrorResponse").toString();
  }

  private HostedZone zone(String id) {
    HostedZone z = s.zones.get(id);
    if (z == null) {
      throw new AwsError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
    }
    return z;
  }

  private String getHostedZone(HostedZone z) {
    Xml x = new Xml().openNs("GetHostedZoneResponse", NS).open("HostedZone").el("Id", "/hostedzone/" + z.id)
        .el("Name", z.name).el("CallerReference", "zoneha-emulator-" + z.id).open("Config")
        .el("PrivateZone", z.privateZone).close("Config")
        .el("ResourceRecordSetCount", z.records.size()).close("HostedZone");
    if (!z.privateZone) {
      x.open("DelegationSet").open("NameServers").el("NameServer", "ns-1.emulator.invalid")
          .close("NameServers").close("DelegationSet");
    }
    return x.close("GetHostedZoneResponse").toString();
  }

  /** Route 53 lists records ordered by name with labels reversed, then by type. */
  static String sortKey(String name, String type) {
    String[] labels = EmulatorState.normalizeName(name).split("\\.");
    StringBuilder sb = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      sb.append(labels[i]).append('\u0001');
    }
    return sb.append('\u0000').append(type).toString();
  }

  private String list(HostedZone z, Map<String, String> query) {
    int max = 300;
    if (query.get("maxitems") != null) {
      try {
        max = Integer.parseInt(query.get("maxitems"));
      } catch (NumberFormatException e) {
        throw AwsError.badRequest("InvalidInput", "maxitems must be a number");
      }
      if (max < 1 || max > 300) {
        throw AwsError.badRequest("InvalidInput", "maxitems must be between 1 and 300");
      }
    }
    String startName = query.get("name");
    String startType = query.get("type");
    if (startType != null && startName == null) {
      throw AwsError.badRequest("InvalidInput", "The input is not valid: type given without name");
    }
    List<RecordSet> all = new ArrayList<>(z.records.values());
    all.sort(Comparator.comparing(r -> sortKey(r.name, r.type)));
    String from = startName == null ? "" : sortKey(startName, startType == null ? "" : startType.toUpperCase(Locale.ROOT));
    List<RecordSet> page = all.stream().filter(r -> sortKey(r.name, r.type).compareTo(from) >= 0).toList();
    Xml x = new Xml().openNs("ListResourceRecordSetsResponse", NS).open("ResourceRecordSets");
    for (RecordSet r : page.subList(0, Math.min(max, page.size()))) {
      x.open("ResourceRecordSet").el("Name", r.name).el("Type", r.type).el("TTL", r.ttl)
          .open("ResourceRecords");
      for (String v : r.values) {
        x.open("ResourceRecord").el("Value", v).close("ResourceRecord");
      }
      x.close("ResourceRecords").close("ResourceRecordSet");
    }
    x.close("ResourceRecordSets").el("IsTruncated", page.size() > max);
    if (page.size() > max) {
      x.el("NextRecordName", page.get(max).name).el("NextRecordType", page.get(max).type);
    }
    return x.el("MaxItems", max).close("ListResourceRecordSetsResponse").toString();
  }

  private String change(HostedZone z, String body) {
    Element root = Xml.parse(body);
    Element batch = Xml.child(root, "ChangeBatch");
    if (batch == null) {
      throw AwsError.badRequest("InvalidInput", "ChangeBatch is required");
    }
    changes.apply(z, batch);
    Change c = new Change();
    c.id = "C" + s.newId("").toUpperCase(Locale.ROOT);
    c.submittedAtMillis = System.currentTimeMillis();
    c.comment = Xml.text(batch, "Comment");
    s.changes.put(c.id, c);
    return new Xml().openNs("ChangeResourceRecordSetsResponse", NS).open("ChangeInfo")
        .el("Id", "/change/" + c.id).el("Status", "PENDING")
        .el("SubmittedAt", Instant.ofEpochMilli(c.submittedAtMillis)).el("Comment", c.comment)
        .close("ChangeInfo").close("ChangeResourceRecordSetsResponse").toString();
  }

  private String getChange(String id) {
    Change c = s.changes.get(id);
    if (c == null) {
      throw new AwsError(404, "NoSuchChange", "A change with the specified change ID does not exist.");
    }
    boolean done = System.currentTimeMillis() - c.submittedAtMillis >= s.changeInsyncDelayMs;
    return new Xml().openNs("GetChangeResponse", NS).open("ChangeInfo").el("Id", "/change/" + c.id)
        .el("Status", done ? "INSYNC" : "PENDING")
        .el("SubmittedAt", Instant.ofEpochMilli(c.submittedAtMillis)).el("Comment", c.comment)
        .close("ChangeInfo").close("GetChangeResponse").toString();
  }
}
