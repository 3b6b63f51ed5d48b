package io.zoneha.resources.aws;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import java.util.List;

/** The awsvip fields as one server sees them. */
public record VipSettings(String vip, String vpcId, String eniId, String device, boolean addLocalAddress) {
  public static final String DEFAULT_DEVICE = "eth0";

  public static List<FieldProblem> validate(Params p) {
    return new ParamChecks(p).ipv4("vip").awsId("vpcId", "vpc-").awsId("eniId", "eni-")
        .optional("interface", d -> d.matches("[A-Za-z0-9_.:@-]{1,15}"), "a network device name like eth0")
        .bool("addLocalAddress").problems();
  }

  public static VipSettings from(Params p) {
    return new VipSettings(p.string("vip").trim(), p.string("vpcId").trim(), p.string("eniId").trim(),
        p.string("interface", DEFAULT_DEVICE), p.bool("addLocalAddress", true));
  }

  /** The route destination that carries the VIP. */
  public String destination() {
    return vip + "/32";
  }
}
