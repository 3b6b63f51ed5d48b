package io.zoneha.resources.aws;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import java.util.List;

/** The awsdns fields as one server sees them. */
public record DnsSettings(String hostedZoneId, String recordName, String ip, long ttl,
    boolean deleteRecordOnDeactivation) {
  public static final int DEFAULT_TTL = 300;

  public static List<FieldProblem> validate(Params p) {
    ParamChecks c = new ParamChecks(p)
        .required("hostedZoneId", v -> v.matches("(/hostedzone/)?[A-Za-z0-9]{1,32}"),
            "a Route 53 hosted zone ID like Z0123456789ABCDEFGHIJ")
        .required("recordName", v -> v.endsWith(".") && v.length() > 1 && !v.contains(".."),
            "a fully qualified name ending with a dot, like app.example.com.")
        .optional("recordName", v -> v.equals(v.toLowerCase(java.util.Locale.ROOT)),
            "lower case only (Route 53 stores names in lower case, so a capital letter would never match)")
        .ipv4("ip").positiveInt("ttl").bool("deleteRecordOnDeactivation");
    return c.problems();
  }

  public static DnsSettings from(Params p) {
    String zone = p.string("hostedZoneId").trim();
    if (zone.startsWith("/hostedzone/")) {
      zone = zone.substring("/hostedzone/".length());
    }
    return new DnsSettings(zone, p.string("recordName").trim(), p.string("ip").trim(),
        p.integer("ttl", DEFAULT_TTL), p.bool("deleteRecordOnDeactivation", true));
  }
}
