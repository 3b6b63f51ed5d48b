package io.zoneha.resources.aws;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import java.util.List;

/** The awseip fields as one server sees them. */
public record EipSettings(String allocationId, String eniId) {
  public static List<FieldProblem> validate(Params p) {
    return new ParamChecks(p).awsId("allocationId", "eipalloc-").awsId("eniId", "eni-").problems();
  }

  public static EipSettings from(Params p) {
    return new EipSettings(p.string("allocationId").trim(), p.string("eniId").trim());
  }
}
