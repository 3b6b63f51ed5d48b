package io.zoneha.monitors.basic;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.resources.exec.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code type: pidw}: normal while the process whose pid is in {@code pidFile} runs. */
public final class PidMonitorType implements MonitorType {
  @Override
  public String type() {
    return "pidw";
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    Map<String, Object> v = params.asMap();
    List<FieldProblem> out = new ArrayList<>();
    ParamChecks.unknownFields(v, Set.of("pidFile"), out);
    ParamChecks.text(v, "pidFile", true, out);
    if (out.isEmpty() && !String.valueOf(v.get("pidFile")).startsWith("/")) {
      out.add(new FieldProblem("pidFile", "must be an absolute path, not '" + v.get("pidFile") + "'"));
    }
    return out;
  }

  @Override
  public MonitorDriver create(MonitorContext context) {
    return new PidMonitorDriver(context.vertx(), context.params().string("pidFile"));
  }
}
